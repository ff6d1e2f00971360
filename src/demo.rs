//! A realistic, deterministic demo registry for a high-tech-zone branch in Tangshan: fictitious
//! companies with valid credit codes, every class and edge case (key and special, key and
//! positive list, listings, penalties and verified complaints in every quarter 2023–2026,
//! suspended, closed, a pilot code whose check is waived), about fifteen fictitious officers
//! in 大气科, 水土科 and 执法大队, auxiliary experts, and a check-item list with versions.
//!
//! The same count always gives the same data (own SplitMix64 generator, no `rand`). The rows go
//! through the ordinary import path, so they are validated and audited like any file.

use crate::domain::credit_code::{ALPHABET, CreditCode};
use crate::domain::forms;
use crate::domain::inspector::InspectorKind;
use crate::domain::quarter::Quarter;
use crate::exchange::import::Kind;
use crate::exchange::write::csv_bytes;
use crate::service::{Actor, Result, Service, ServiceError};
use chrono::NaiveDate;

pub use crate::domain::demo::DemoCounts;

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs[self.below(xs.len())]
    }
    /// True with probability `pct` percent.
    fn chance(&mut self, pct: usize) -> bool {
        self.below(100) < pct
    }
}

const BRANDS: &[&str] = &[
    "冀东", "华信", "宏达", "金泰", "瑞丰", "恒通", "鑫源", "凯盛", "国润", "天成", "中科", "远航",
    "博远", "新诚", "东方", "丰润", "开滦", "燕山", "渤海", "曹妃", "龙泉", "凤凰", "银河", "长城",
    "德润", "盛唐", "京唐", "利达", "佳友", "昊天", "汇丰", "永盛",
];
const TRADES: &[(&str, &str, &str)] = &[
    ("机器人科技", "专用设备制造", "大气、噪声"),
    ("焊接材料", "金属制品业", "大气、固废"),
    ("精密铸造", "金属铸造", "大气、固废、噪声"),
    ("汽车零部件", "汽车制造业", "大气、水、危废"),
    ("陶瓷", "陶瓷制品制造", "大气、固废"),
    ("新材料科技", "化学原料和化学制品制造", "大气、水、危废"),
    ("电子科技", "计算机、通信和其他电子设备制造", "水、危废"),
    ("生物医药", "医药制造业", "水、大气、危废"),
    ("装备制造", "通用设备制造", "大气、噪声、固废"),
    ("表面处理", "金属表面处理及热处理加工", "水、危废"),
    ("印刷包装", "印刷和记录媒介复制", "大气"),
    ("食品", "食品制造业", "水、固废"),
    ("涂料", "涂料制造", "大气、水、危废"),
    ("电池材料", "电池制造", "水、大气、危废、土壤"),
    ("钢结构", "结构性金属制品制造", "大气、噪声"),
];
const AREAS: &[&str] = &[
    "高新区建设北路片区",
    "高新区庆南道片区",
    "高新区火炬路片区",
    "高新区大庆道片区",
    "高新区龙富南道片区",
];
const SURNAMES: &[&str] = &[
    "王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "马", "朱", "胡", "郭",
    "何", "高", "林", "罗",
];
const GIVEN: &[&str] = &[
    "建华", "志强", "海燕", "晓东", "丽娜", "国庆", "文博", "雪梅", "振宇", "静怡", "立新", "宏伟",
    "思远", "春雨", "子涵", "明轩", "佳宁", "浩然",
];

/// Officers for a registry of `enterprises`: 15 for a district's demo, and past that enough
/// for the plan's default draw to be feasible — about 36% of the registry is drawn in a
/// quarter (25% of key, 65% of special, 3% of general targets, in demo proportions), two
/// officers a team, at most 10 visits each, with a quarter to spare.
pub fn officers_for(enterprises: usize) -> usize {
    (enterprises * 9).div_ceil(200).max(15)
}

/// The `i`-th officer's name: random two-character given names for a district's 15, then a
/// systematic three-character name (8,000 of them) so that large demos stay unique.
fn officer_name(rng: &mut Rng, i: usize) -> String {
    const MID: [&str; 20] = [
        "文", "国", "志", "建", "晓", "海", "立", "春", "明", "思", "子", "佳", "振", "雪", "宏",
        "丽", "静", "浩", "新", "德",
    ];
    const LAST: [&str; 20] = [
        "华", "强", "燕", "东", "娜", "庆", "博", "梅", "宇", "怡", "伟", "远", "雨", "涵", "轩",
        "宁", "然", "军", "平", "磊",
    ];
    if i < 15 {
        return format!("{}{}", rng.pick(SURNAMES), rng.pick(GIVEN));
    }
    let k = i - 15;
    format!(
        "{}{}{}",
        SURNAMES[k % SURNAMES.len()],
        MID[(k / SURNAMES.len()) % MID.len()],
        LAST[(k / (SURNAMES.len() * MID.len())) % LAST.len()]
    )
}

/// The 9-character organisation code part with its GB 11714 check character.
fn org_code(rng: &mut Rng) -> String {
    const W: [u32; 8] = [3, 7, 9, 10, 5, 8, 4, 2];
    let body: Vec<char> = "MA"
        .chars()
        .chain((0..6).map(|_| char::from(b"0123456789ABCDEFGHJKLMNPQRTUWXY"[rng.below(31)])))
        .collect();
    let val = |c: char| c.to_digit(36).unwrap_or(0);
    let sum: u32 = body.iter().zip(W).map(|(c, w)| val(*c) * w).sum();
    let check = match 11 - sum % 11 {
        10 => 'X',
        11 => '0',
        n => char::from_digit(n, 10).unwrap_or('0'),
    };
    // GB 32100 codes never contain I, O, S, V, Z; X is allowed.
    body.into_iter()
        .chain(std::iter::once(check))
        .filter(|c| ALPHABET.contains(*c))
        .collect::<String>()
}

fn credit_code(rng: &mut Rng, used: &mut std::collections::HashSet<String>) -> CreditCode {
    loop {
        let mut org = org_code(rng);
        while org.chars().count() < 9 {
            org.push('1');
        }
        if let Some(c) = CreditCode::complete(&format!("91130273{org}"))
            && used.insert(c.to_string())
        {
            return c;
        }
    }
}

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).expect("valid demo date")
}

/// A date in quarter `q` (0 = 2023Q1, 1 = 2023Q2, …).
fn date_in_quarter(rng: &mut Rng, q: usize) -> NaiveDate {
    let (y, m) = (2023 + (q / 4) as i32, (q % 4) as u32 * 3 + 1);
    d(y, m + rng.below(3) as u32, 1 + rng.below(28) as u32)
}

/// Fills an empty database. Refused when the registry already holds enterprises.
pub fn fill(svc: &mut Service, actor: &Actor, enterprises: usize) -> Result<DemoCounts> {
    if !svc.enterprises(actor)?.is_empty() {
        return Err(ServiceError::NotEmpty);
    }
    let mut rng = Rng(0x5348_5541_4E47_5355);
    let today = svc.today();
    let quarters =
        (Quarter::of(today).year() - 2023) as usize * 4 + Quarter::of(today).number() as usize;
    let quarters = quarters.max(1);
    let mut n = DemoCounts::default();
    let mut used = std::collections::HashSet::new();
    let mut names = std::collections::HashSet::new();
    let mut rows = Vec::new();
    let (mut penalties, mut complaints) = (Vec::new(), Vec::new());
    for i in 0..enterprises {
        let (trade, industry, pollutants) = TRADES[rng.below(TRADES.len())];
        let mut name = format!("唐山{}{}有限公司", rng.pick(BRANDS), trade);
        let mut k = 2;
        while !names.insert(name.clone()) {
            // A few ordinals first; past them a numbered branch keeps large demos finite.
            name = if k < 10 {
                format!(
                    "唐山{}{}{}有限公司",
                    rng.pick(BRANDS),
                    ["二", "三", "四", "五", "六", "七", "八", "九"][k % 8],
                    trade
                )
            } else {
                format!("唐山{}{}有限公司第{}分公司", rng.pick(BRANDS), trade, k + i)
            };
            k += 1;
        }
        let mut code = credit_code(&mut rng, &mut used);
        let mut waived = "否";
        // Edge cases at fixed positions, the rest drawn.
        let (mut key_unit, mut category) = (
            "否",
            *["简化管理", "登记管理", "登记管理", "无"]
                .get(rng.below(4))
                .unwrap_or(&"无"),
        );
        let mut rating = *["A级", "B级", "B级", "B级", ""]
            .get(rng.below(5))
            .unwrap_or(&"");
        let (mut listing, mut l_from) = ("无", String::new());
        let (mut positive, mut p_from) = ("否", String::new());
        let mut status = "在产";
        match i % 40 {
            0 => (key_unit, category, rating) = ("是", "重点管理", "D级"), // key and special
            1 => (category, positive, p_from) = ("重点管理", "是", "2023-07-01".into()), // key and positive list
            2 => (listing, l_from) = ("省厅", "2024-02-20".into()),
            3 => (listing, l_from) = ("生态环境部", "2025-05-10".into()),
            4 => status = "停产",
            5 => status = "关闭",
            6 => status = "注销",
            7 if i < 40 => {
                // An early pilot code whose check character fails, accepted by an administrator.
                let s = code.to_string();
                let last = s.chars().last().unwrap_or('0');
                let wrong = ALPHABET.chars().find(|c| *c != last).unwrap_or('1');
                code = CreditCode::parse_form(&format!("{}{wrong}", &s[..17])).unwrap_or(code);
                waived = "是";
            }
            8..=11 => (positive, p_from) = ("是", format!("{}-01-01", 2023 + rng.below(3))),
            12..=15 => key_unit = "是",
            16..=17 => category = "重点管理",
            18..=21 => rating = ["C级", "D级", "E级", "C级"][i % 40 - 18],
            _ => {}
        }
        let permit = match category {
            "重点管理" | "简化管理" => format!("{code}001P"),
            "登记管理" => format!("{code}001W"),
            _ => String::new(),
        };
        let monitoring = match category {
            "重点管理" => "在线监测、视频监控",
            _ if positive == "是" => "在线监测、分表计电、视频监控",
            _ if rng.chance(20) => "分表计电",
            _ => "",
        };
        let scale = ["大型", "中型", "小型", "小型", "微型"][rng.below(5)];
        let cycle = ["连续生产", "间歇生产", "季节性生产"][rng.below(3)];
        let grade = if pollutants.contains("大气") {
            ["A级", "B级", "C级", "D级", "引领性", ""][rng.below(6)]
        } else {
            ""
        };
        let rep = format!("{}{}", rng.pick(SURNAMES), rng.pick(GIVEN));
        let addr = format!(
            "河北省唐山市{}{}号",
            rng.pick(AREAS).trim_start_matches("高新区"),
            1 + rng.below(300)
        );
        rows.push(vec![
            name.clone(),
            code.to_string(),
            waived.into(),
            permit,
            category.into(),
            key_unit.into(),
            rng.pick(AREAS).into(),
            industry.into(),
            pollutants.into(),
            if status == "停产" {
                "已建成"
            } else {
                ["已建成", "已建成", "已建成", "在建"][rng.below(4)]
            }
            .into(),
            scale.into(),
            cycle.into(),
            monitoring.into(),
            grade.into(),
            rating.into(),
            listing.into(),
            l_from,
            String::new(),
            positive.into(),
            p_from,
            String::new(),
            status.into(),
            addr,
            rep,
        ]);
        // Penalties and complaints spread from 2023Q1 to today.
        let q = rng.below(quarters);
        let date = date_in_quarter(&mut rng, q);
        if i % 40 != 5 && rng.chance(30) && date <= today {
            let doc = format!(
                "唐环高罚〔{}〕{}号",
                chrono::Datelike::year(&date),
                1 + penalties.len()
            );
            penalties.push(vec![
                code.to_string(),
                date.to_string(),
                doc,
                [
                    "废气超标排放",
                    "未按规定运行污染防治设施",
                    "危险废物贮存不规范",
                    "未批先建",
                ][rng.below(4)]
                .to_string(),
            ]);
        }
        let q = rng.below(quarters);
        let received = date_in_quarter(&mut rng, q);
        if rng.chance(20) && received <= today {
            let verified_on = received + chrono::Duration::days(5 + rng.below(20) as i64);
            let verified = rng.chance(60) && verified_on <= today;
            let verified_on = if verified {
                verified_on.to_string()
            } else {
                String::new()
            };
            let refno = format!(
                "XF{}{:04}",
                chrono::Datelike::year(&received),
                1 + complaints.len()
            );
            complaints.push(vec![
                code.to_string(),
                received.to_string(),
                refno,
                if verified { "是" } else { "否" }.into(),
                verified_on,
                ["夜间噪声扰民", "异味", "污水外排", "粉尘"][rng.below(4)].to_string(),
            ]);
        }
    }
    n.enterprises = import(svc, actor, Kind::Enterprises, forms::ENTERPRISE, &rows)?;
    n.penalties = import(svc, actor, Kind::Penalties, forms::PENALTY, &penalties)?;
    n.complaints = import(svc, actor, Kind::Complaints, forms::COMPLAINT, &complaints)?;

    let mut staff = Vec::new();
    let sections = [
        ("大气科", "科长", &["大气", "监测"][..]),
        ("水土科", "科长", &["水", "土壤", "固废"][..]),
        ("执法大队", "副大队长", &["法制", "大气", "水"][..]),
    ];
    let mut people = std::collections::HashSet::new();
    for i in 0..officers_for(enterprises) {
        let (section, chief, skills) = sections[i % 3];
        let mut who = officer_name(&mut rng, i);
        while !people.insert(who.clone()) {
            who = match i {
                0..15 => officer_name(&mut rng, i),
                _ => format!("{}{}", officer_name(&mut rng, i), people.len()),
            };
        }
        let post = if i < 3 {
            chief
        } else {
            ["科员", "科员", "执法队员", "副科长"][rng.below(4)]
        };
        let exp: Vec<&str> = skills
            .iter()
            .copied()
            .filter(|_| rng.chance(70))
            .chain(std::iter::once(skills[0]))
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .collect();
        let (active, reason) = if i == 14 {
            ("不在岗", "2024年9月调离")
        } else {
            ("在岗", "")
        };
        staff.push(vec![
            who,
            "执法人员".into(),
            String::new(),
            "唐山市生态环境局高新区分局".into(),
            format!("1302{:07}", 3_000_100 + i * 37),
            post.into(),
            section.into(),
            "高新区".into(),
            (2 + rng.below(25)).to_string(),
            exp.join("、"),
            format!("0315-{:07}", 3_100_000 + rng.below(900_000)),
            active.into(),
            reason.into(),
        ]);
    }
    let experts = [
        (
            "唐山市生态环境监测中心",
            "监测检测机构",
            "监测、大气、水",
            "JC-2024-01",
        ),
        (
            "河北省环境科学研究院",
            "科研院所",
            "土壤、危废",
            "KY-2024-07",
        ),
        ("华北理工大学", "专家", "大气、噪声", ""),
    ];
    for (unit, ty, exp, no) in experts {
        let who = format!("{}{}", rng.pick(SURNAMES), rng.pick(GIVEN));
        staff.push(vec![
            who,
            "辅助检查人员".into(),
            ty.into(),
            unit.into(),
            no.into(),
            "高级工程师".into(),
            String::new(),
            "唐山市".into(),
            (10 + rng.below(15)).to_string(),
            exp.into(),
            String::new(),
            "在岗".into(),
            String::new(),
        ]);
    }
    let created = import(svc, actor, Kind::Inspectors, forms::INSPECTOR, &staff)?;
    n.auxiliary = experts.len();
    n.inspectors = created;

    let items: Vec<Vec<String>> = ITEMS
        .iter()
        .map(|(code, name, basis, subject, method, expertise)| {
            vec![
                code.to_string(),
                name.to_string(),
                basis.to_string(),
                subject.to_string(),
                method.to_string(),
                "高新区全域".into(),
                expertise.to_string(),
                "2024-01-01".into(),
            ]
        })
        .collect();
    n.items = import(svc, actor, Kind::Items, forms::ITEM, &items)?;
    // One item revised after a law change (a second version), one retired.
    let mut revised = items[4].clone();
    revised[2] =
        "《中华人民共和国环境影响评价法》（2018年修正）；《建设项目环境保护管理条例》".into();
    revised[7] = "2025-03-01".into();
    import(svc, actor, Kind::Items, forms::ITEM, &[revised])?;
    svc.retire_item(
        actor,
        ITEMS[ITEMS.len() - 1].0,
        d(2026, 1, 1),
        "职能划转至应急管理部门",
    )?;

    let officers: Vec<_> = svc
        .inspectors(actor)?
        .into_iter()
        .filter(|i| i.data.kind == InspectorKind::Officer)
        .collect();
    let firms = svc.enterprises(actor)?;
    for (k, (o, e)) in officers
        .iter()
        .zip(firms.iter().skip(10))
        .take(2)
        .enumerate()
    {
        let reason = ["配偶在该单位任职", "曾在该单位工作，离职未满三年"][k];
        svc.declare_conflict(actor, o.id, e.id, reason, d(2024, 3, 1))?;
        n.conflicts += 1;
    }
    Ok(n)
}

/// Code, name, legal basis, subject, method, expertise needed.
const ITEMS: &[(&str, &str, &str, &str, &str, &str)] = &[
    (
        "HB-STHJ-01",
        "排污许可制度执行情况检查",
        "《排污许可管理条例》",
        "纳入排污许可管理的排污单位",
        "现场检查",
        "法制",
    ),
    (
        "HB-STHJ-02",
        "大气污染防治设施运行及排放情况检查",
        "《中华人民共和国大气污染防治法》",
        "排放大气污染物的企业事业单位",
        "现场检查",
        "大气",
    ),
    (
        "HB-STHJ-03",
        "水污染防治设施运行及排放情况检查",
        "《中华人民共和国水污染防治法》",
        "排放水污染物的企业事业单位",
        "现场检查",
        "水",
    ),
    (
        "HB-STHJ-04",
        "危险废物规范化环境管理情况检查",
        "《中华人民共和国固体废物污染环境防治法》",
        "产生、贮存危险废物的单位",
        "现场检查",
        "危废",
    ),
    (
        "HB-STHJ-05",
        "建设项目环境影响评价及“三同时”制度执行情况检查",
        "《中华人民共和国环境影响评价法》；《建设项目环境保护管理条例》",
        "建设单位",
        "现场检查",
        "法制",
    ),
    (
        "HB-STHJ-06",
        "污染源自动监测设备运行情况检查",
        "《污染源自动监控管理办法》",
        "安装自动监测设备的排污单位",
        "非现场检查",
        "监测",
    ),
    (
        "HB-STHJ-07",
        "突发环境事件应急预案备案及落实情况检查",
        "《突发环境事件应急管理办法》",
        "可能发生突发环境事件的企业",
        "现场检查",
        "法制",
    ),
    (
        "HB-STHJ-08",
        "工业噪声污染防治情况检查",
        "《中华人民共和国噪声污染防治法》",
        "排放工业噪声的企业",
        "现场检查",
        "噪声",
    ),
    (
        "HB-STHJ-09",
        "土壤污染重点监管单位义务落实情况检查",
        "《中华人民共和国土壤污染防治法》",
        "土壤污染重点监管单位",
        "现场检查",
        "土壤",
    ),
    (
        "HB-STHJ-10",
        "消耗臭氧层物质使用情况检查",
        "《消耗臭氧层物质管理条例》",
        "使用消耗臭氧层物质的单位",
        "现场检查",
        "大气",
    ),
];

fn import(
    svc: &mut Service,
    actor: &Actor,
    kind: Kind,
    specs: &[forms::FieldSpec],
    rows: &[Vec<String>],
) -> Result<usize> {
    let headers: Vec<&str> = specs.iter().map(|s| s.zh).collect();
    let out = svc.import_bytes(
        actor,
        kind,
        "demo-data.csv",
        &csv_bytes(&headers, rows),
        false,
    )?;
    Ok(out.created)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::classify::Class;
    use crate::service::tests::{admin, service};

    #[test]
    fn demo_is_deterministic_and_covers_every_case() {
        let mut a = service();
        let n = fill(&mut a, &admin(), 80).unwrap();
        assert_eq!(
            (n.enterprises, n.inspectors, n.auxiliary, n.items),
            (80, 18, 3, 10)
        );
        let mut b = service();
        fill(&mut b, &admin(), 80).unwrap();
        let names = |s: &mut Service| {
            s.enterprises(&admin())
                .unwrap()
                .into_iter()
                .map(|e| (e.data.name, e.data.credit_code))
                .collect::<Vec<_>>()
        };
        assert_eq!(names(&mut a), names(&mut b));
        let q = a
            .classify_quarter(&admin(), "2024Q2".parse().unwrap())
            .unwrap();
        for class in [Class::Key, Class::Special, Class::General] {
            assert!(q.items.iter().any(|(_, c)| c.class == class), "{class:?}");
        }
        assert!(q.items.iter().any(|(_, c)| c.offsite));
        assert!(
            q.items
                .iter()
                .any(|(_, c)| c.class == Class::Special && !c.overridden.is_empty())
        );
        assert!(
            q.items
                .iter()
                .any(|(_, c)| c.offsite && !c.overridden.is_empty())
        );
        assert!(q.gone >= 2);
        assert!(matches!(
            fill(&mut a, &admin(), 5),
            Err(ServiceError::NotEmpty)
        ));
    }

    #[test]
    fn officers_grow_with_the_registry_so_the_default_draw_is_feasible() {
        assert_eq!(officers_for(120), 15);
        assert_eq!(officers_for(10_000), 450);
        assert_eq!(officers_for(100_000), 4_500);
        let mut svc = service();
        let n = fill(&mut svc, &admin(), 2_000).unwrap();
        assert_eq!(n.inspectors, officers_for(2_000) + 3);
        let names: std::collections::HashSet<String> = svc
            .inspectors(&admin())
            .unwrap()
            .into_iter()
            .map(|i| i.data.name)
            .collect();
        assert_eq!(names.len(), n.inspectors, "every name unique");
        // The plan's default draw of this quarter (every class's required number).
        let mut req = crate::service::DrawRequest::new(Quarter::of(svc.today()));
        req.items = vec!["HB-STHJ-02".into()];
        let p = svc.prepare_draw(&admin(), &req);
        assert!(p.is_ok(), "{:?}", p.err());
    }
}
