# ruff: noqa: E501  (the release templates below are text; wrapping them would hide their wording)
"""Benchmark: `sei build` over 1,000 documents, cold and warm, and the rebuild after one `sei add`.

Run: .venv/bin/python benchmarks/bench_build.py [N_DOCUMENTS]

A temporary project root (SEI_PROJECT_ROOT) holds the raw data plus N (default 1,000)
NBS-style monthly industry releases, each month in Chinese and in English with the same
figures (2% of them restated with other figures, so the review has conflicts to list), each
with its table of 45 main products as NBS publishes it, about 8 KB each (10 MB in all), with
their provenance records. Each build is a fresh `sei build` process, timed from start to
exit, so Python and pandas start-up count as a user sees them:

- cold: no figure cache, every document extracted across the cores;
- warm: everything cached, nothing changed;
- after add: one new release registered, then rebuilt: only it is extracted.

The peer of the warm and after-add builds is the cold build of the same run; the goal is a
ratio of at most 0.25 for the rebuild after one add. Also printed: the same cold build on
one core (--jobs 1), so the pool's gain shows. Takes about a minute.
"""

from __future__ import annotations

import hashlib
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEI = Path(sys.executable).with_name("sei")


ZH_PRODUCTS = (
    "布 纱 机制纸及纸板 硫酸 烧碱 纯碱 乙烯 化学纤维 水泥 平板玻璃 生铁 粗钢 钢材 十种有色金属 原铝 氧化铝 "
    "金属切削机床 工业机器人 汽车 新能源汽车 发电机组 家用电冰箱 房间空调器 家用洗衣机 移动通信手持机 "
    "微型计算机设备 集成电路 太阳能电池 发电量 火电 水电 核电 风电 太阳能发电 原煤 原油 天然气 "
    "原油加工量 服务机器人 充电桩 3D打印设备 光纤 锂离子电池 民用无人机 智能手表"
).split()
EN_PRODUCTS = (
    "Cloth|Yarn|Paper and paperboard|Sulfuric acid|Caustic soda|Soda ash|Ethylene|Chemical fibers|Cement|"
    "Plate glass|Pig iron|Crude steel|Steel products|Ten nonferrous metals|Primary aluminum|Alumina|"
    "Metal-cutting machine tools|Industrial robots|Motor vehicles|New energy vehicles|Power generation equipment|"
    "Household refrigerators|Room air conditioners|Household washing machines|Mobile phones|Microcomputers|"
    "Integrated circuits|Solar cells|Electricity|Thermal power|Hydro power|Nuclear power|Wind power|Solar power|"
    "Raw coal|Crude oil|Natural gas|Crude oil processed|Service robots|Charging piles|3D printers|Optical fiber|"
    "Lithium-ion batteries|Civilian drones|Smart watches"
).split("|")


def zh_release(rng: random.Random, year: int, month: int) -> str:
    """A Chinese monthly industry release in the NBS style, with sector and product paragraphs."""
    g = lambda lo, hi: f"{rng.uniform(lo, hi):.1f}"  # noqa: E731
    lines = [
        f"{year}年{month}月份规模以上工业增加值增长{g(3, 8)}%",
        f"{year}年{month}月份，规模以上工业增加值同比实际增长{g(3, 8)}%（增加值增速均为扣除价格因素的实际增长率）。"
        f"从环比看，{month}月份，规模以上工业增加值比上月增长{g(0, 1)}%。1—{month}月份，规模以上工业增加值同比增长{g(3, 8)}%。",
        f"分三大门类看，{month}月份，采矿业增加值同比增长{g(0, 6)}%，制造业增长{g(3, 9)}%，"
        f"电力、热力、燃气及水生产和供应业增长{g(0, 8)}%。高技术制造业增加值同比增长{g(5, 12)}%，增速比规模以上工业快{g(1, 4)}个百分点。",
        f"分经济类型看，{month}月份，国有控股企业增加值同比增长{g(2, 7)}%；股份制企业增长{g(3, 8)}%，"
        f"外商及港澳台投资企业增长{g(-2, 5)}%；私营企业增长{g(2, 7)}%。",
    ]
    for _ in range(rng.randint(8, 12)):
        lines.append(
            f"分行业看，{month}月份，{rng.choice(['汽车', '电子', '化学原料', '通用设备', '电气机械'])}制造业增长{g(-3, 15)}%，"
            f"{rng.choice(['纺织业', '农副食品加工业', '黑色金属冶炼', '有色金属冶炼'])}增长{g(-5, 8)}%。"
            f"分产品看，{month}月份，{rng.choice(['钢材', '水泥', '十种有色金属', '乙烯', '发电量'])}产量{rng.randint(100, 9000)}万吨，"
            f"同比增长{g(-6, 9)}%；{rng.choice(['新能源汽车', '工业机器人', '集成电路', '太阳能电池'])}产量增长{g(5, 40)}%。"
        )
    lines.append(
        f"{month}月份，规模以上工业企业产品销售率为{g(96, 99)}%，实现出口交货值{rng.randint(9000, 14000)}亿元。"
    )
    return "\n".join(lines) + "\n"


def en_release(rng: random.Random, year: int, month: int) -> str:
    """The same release in English, as NBS publishes it."""
    g = lambda lo, hi: f"{rng.uniform(lo, hi):.1f}"  # noqa: E731
    name = ("January February March April May June July August September October November December").split()[
        month - 1
    ]
    lines = [
        f"Industrial Production Operation in {name} {year}",
        f"In {name}, the real growth of the value added of the industrial enterprises above designated size was {g(3, 8)} "
        f"percent year on year. From January to {name}, the value added grew by {g(3, 8)} percent year on year.",
        f"In terms of sectors, the value added of mining grew by {g(0, 6)} percent year on year, manufacturing grew by "
        f"{g(3, 9)} percent, and the production and supply of electricity, heat, gas and water grew by {g(0, 8)} percent. "
        f"The value added of high-tech manufacturing increased by {g(5, 12)} percent year on year.",
    ]
    for _ in range(rng.randint(10, 14)):
        lines.append(
            f"In terms of products, {rng.randint(300, 900)} of the 620 products recorded year-on-year growth; the output of "
            f"{rng.choice(['steel', 'cement', 'ethylene', 'electricity'])} went up by {g(-6, 9)} percent, and that of "
            f"{rng.choice(['new energy vehicles', 'industrial robots', 'integrated circuits'])} increased by {g(5, 40)} percent."
        )
    lines.append(f"In {name}, the product sales rate of the industrial enterprises was {g(96, 99)} percent.")
    lines.append(f"Output of Major Industrial Products in {name} {year}")
    lines.append("Product\tUnit\tThis month\tGrowth rate (%)\tJanuary to this month\tGrowth rate (%)")
    for product in EN_PRODUCTS:
        lines.append(
            f"{product}\t10,000 tons\t{rng.uniform(10, 9000):.1f}\t{g(-9, 30)}\t{rng.uniform(100, 90000):.1f}\t{g(-9, 30)}"
        )
    return "\n".join(lines) + "\n"


def write_release(raw: Path, i: int, rng: random.Random) -> dict:
    year, month = 2016 + (i // 24) % 10, (i // 2) % 12 + 1
    zh = i % 2 == 0
    # NOTE: one month's figures are the same in every release of it (the Chinese and the
    # English one, and any reprint), as they are in life: a rebuild merges them as one
    # observation with several sources, and conflicts stay rare.
    same = random.Random(f"{year}-{month}-{rng.random() < 0.02}")
    text = (zh_release if zh else en_release)(same, year, month)
    name = f"bench_{i:04d}.txt"
    path = raw / "policy" / name
    path.write_text(text, encoding="utf-8")
    date = f"{year + (month == 12)}-{month % 12 + 1:02d}-15"
    return {
        "id": f"nbs-industry-{year}-{month:02d}-{'zh' if zh else 'en'}-{i}",
        "path": f"policy/{name}",
        "kind": "policy_text",
        "title": f"NBS industrial production, {year}-{month:02d}",
        "publisher": "国家统计局" if zh else "National Bureau of Statistics",
        "date": date,
        "language": "zh" if zh else "en",
        "url": None,
        "notes": "synthetic benchmark release",
        "sha256": hashlib.sha256(path.read_bytes()).hexdigest(),
    }


def write_sources(raw: Path, extra: list[dict]) -> None:
    import yaml

    doc = yaml.safe_load((raw / "sources.yml").read_text(encoding="utf-8"))
    doc["sources"] = [r for r in doc["sources"] if not r["id"].startswith("nbs-industry-")] + extra
    (raw / "sources.yml").write_text(
        yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )


def build(root: Path, *args: str) -> float:
    env = {**os.environ, "SEI_PROJECT_ROOT": str(root)}
    start = time.perf_counter()
    subprocess.run([str(SEI), "build", *args], env=env, check=True, capture_output=True)
    return time.perf_counter() - start


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    rng = random.Random(20261201)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        raw = root / "data" / "raw"
        shutil.copytree(ROOT / "data" / "raw", raw)
        records = [write_release(raw, i, rng) for i in range(n)]
        write_sources(raw, records)
        size = sum((raw / r["path"]).stat().st_size for r in records) / 1e6
        print(f"{n} releases, {size:.1f} MB of text, {os.cpu_count()} cores")
        one_core = build(root, "--no-cache", "--jobs", "1")
        cold = build(root, "--no-cache")
        shutil.rmtree(root / "data" / "processed" / "cache", ignore_errors=True)
        build(root)  # fills the cache
        warm = build(root)
        records.append(write_release(raw, n, rng))
        write_sources(raw, records)
        after_add = build(root)
        print(f"cold build, one core (--jobs 1, no cache): {one_core:6.2f} s")
        print(
            f"cold build, all cores (no cache):           {cold:6.2f} s  (pool speed-up {one_core / cold:.2f}x)"
        )
        print(f"warm build (everything cached):             {warm:6.2f} s  ratio to cold {warm / cold:.2f}")
        print(f"rebuild after adding one release:           {after_add:6.2f} s  ratio to cold {after_add / cold:.2f} "
              f"(goal <= 0.25)")  # fmt: skip


if __name__ == "__main__":
    main()
