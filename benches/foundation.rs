//! Benchmarks of the foundation (issue 2), run with `cargo bench --bench foundation`:
//! importing 100,000 enterprises from CSV and from XLSX into a fresh database file, compared in
//! the same run with the `sqlite3` shell's `.import` of the same CSV (the floor: no validation,
//! no audit), and classifying 100,000 enterprises for a quarter.
//! `SHUANGSUI_BENCH_N` changes the row count. Figures go to docs/benchmarks.md.

use shuangsui::domain::classify::classify;
use shuangsui::domain::credit_code::CreditCode;
use shuangsui::domain::quota::{Ratios, quotas};
use shuangsui::exchange::import::Kind;
use shuangsui::service::{Actor, Service};
use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn rows(n: usize) -> Vec<Vec<String>> {
    let cats = ["重点管理", "简化管理", "登记管理", "登记管理", "无"];
    let ratings = ["A级", "B级", "B级", "C级", "D级", ""];
    (0..n)
        .map(|i| {
            let code = CreditCode::complete(&format!("91130273{:09}", i))
                .expect("valid prefix")
                .to_string();
            let cat = cats[i % cats.len()];
            let permit = if cat == "无" {
                String::new()
            } else {
                format!("{code}001P")
            };
            vec![
                format!("唐山第{i}号机械制造有限公司"),
                code,
                permit,
                cat.to_string(),
                if i % 11 == 0 { "是" } else { "否" }.to_string(),
                "高新区".to_string(),
                "通用设备制造".to_string(),
                "大气、噪声".to_string(),
                ratings[i % ratings.len()].to_string(),
                if i % 97 == 0 { "省厅" } else { "无" }.to_string(),
                if i % 13 == 0 { "是" } else { "否" }.to_string(),
                "在产".to_string(),
            ]
        })
        .collect()
}

const HEADERS: [&str; 12] = [
    "单位名称",
    "统一社会信用代码",
    "排污许可证编号",
    "排污许可管理类别",
    "重点排污单位",
    "所在区域",
    "行业类别",
    "污染物类别",
    "生态环境信用评价",
    "挂牌督办",
    "正面清单",
    "生产状态",
];

fn import(dir: &Path, name: &str, file: &Path) -> Duration {
    let db = dir.join(name);
    let mut svc = Service::open(&db).expect("open");
    // As `shuangsui import` opens it.
    svc.map_reads().expect("map");
    let t = Instant::now();
    let out = svc
        .import_file(&Actor::console(), Kind::Enterprises, file, false)
        .expect("import");
    let d = t.elapsed();
    assert!(out.created > 0);
    d
}

fn sqlite3_import(dir: &Path, file: &Path) -> Option<Duration> {
    let db = dir.join("floor.sqlite3");
    let cols = (1..=HEADERS.len())
        .map(|i| format!("c{i} TEXT"))
        .collect::<Vec<_>>()
        .join(", ");
    let script = format!(
        "PRAGMA journal_mode=WAL;\nPRAGMA synchronous=NORMAL;\nCREATE TABLE t ({cols});\n.import --csv --skip 1 {} t\n",
        file.display()
    );
    let t = Instant::now();
    let mut child = Command::new("sqlite3")
        .arg(&db)
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .ok()?;
    child.stdin.take()?.write_all(script.as_bytes()).ok()?;
    let ok = child.wait().ok()?.success();
    let d = t.elapsed();
    ok.then_some(d)
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn main() {
    let n: usize = std::env::var("SHUANGSUI_BENCH_N")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(100_000);
    let dir = tempfile::tempdir().expect("temp dir");
    let rows = rows(n);
    let csv = dir.path().join("e.csv");
    let csv_plain = dir.path().join("plain.csv");
    std::fs::write(&csv, shuangsui::exchange::write::csv_bytes(&HEADERS, &rows)).expect("csv");
    // sqlite3 wants no BOM.
    std::fs::write(
        &csv_plain,
        &shuangsui::exchange::write::csv_bytes(&HEADERS, &rows)[3..],
    )
    .expect("csv");
    let xlsx = dir.path().join("e.xlsx");
    shuangsui::exchange::write::write_path(&xlsx, "检查对象", &HEADERS, &rows).expect("xlsx");

    println!("rows: {n}");
    // Interleave the runs so that machine noise hits both sides alike.
    let mut ours = Vec::new();
    let mut floor = Vec::new();
    for i in 0..3 {
        if let Some(d) = sqlite3_import(dir.path(), &csv_plain) {
            floor.push(d);
        }
        ours.push(import(dir.path(), &format!("csv{i}.sqlite3"), &csv));
        let _ = std::fs::remove_file(dir.path().join("floor.sqlite3"));
    }
    let best = |v: &[Duration]| v.iter().min().copied();
    let ours_best = best(&ours).expect("runs");
    println!(
        "CSV import (shuangsui, validated + audited): best {:.0} ms of {:?}",
        ms(ours_best),
        ours.iter().map(|d| ms(*d).round()).collect::<Vec<_>>()
    );
    match best(&floor) {
        Some(f) => println!(
            "CSV .import (sqlite3 shell, same rows):      best {:.0} ms; ratio shuangsui/sqlite3 = {:.2}",
            ms(f),
            ours_best.as_secs_f64() / f.as_secs_f64()
        ),
        None => println!("sqlite3 shell not found: no floor measured"),
    }
    let x = import(dir.path(), "xlsx.sqlite3", &xlsx);
    println!(
        "XLSX import: {:.0} ms ({:.2}x the CSV import)",
        ms(x),
        x.as_secs_f64() / ours_best.as_secs_f64()
    );

    let mut svc = Service::open(&dir.path().join("csv0.sqlite3")).expect("open");
    let me = Actor::console();
    let q = "2024Q2".parse().expect("quarter");
    let mut times = Vec::new();
    for _ in 0..5 {
        let t = Instant::now();
        let c = svc.classify_quarter(&me, q).expect("classify");
        times.push(t.elapsed());
        assert_eq!(c.items.len(), n);
    }
    let c = svc.classify_quarter(&me, q).expect("classify");
    let data: Vec<_> = c.items.into_iter().map(|(e, _)| e.data).collect();
    let mut pure = Vec::new();
    for _ in 0..5 {
        let t = Instant::now();
        let classes: Vec<_> = data.iter().map(|e| classify(e, &[], &[], q)).collect();
        let _ = quotas(classes.iter(), &Ratios::default());
        pure.push(t.elapsed());
    }
    println!(
        "classify {n} in memory (domain function + quotas only): best {:.1} ms",
        ms(*pure.iter().min().expect("runs"))
    );
    println!(
        "classify {n} (read from SQLite + classify + quotas): best {:.0} ms of {:?}",
        ms(*times.iter().min().expect("runs")),
        times.iter().map(|d| ms(*d).round()).collect::<Vec<_>>()
    );
}
