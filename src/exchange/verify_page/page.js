// The verification page's display: runs ShuangsuiDraw.verify on the embedded certificate (and
// the embedded announcement, when there is one) at load, then on any certificate or
// announcement the reader loads from a file or pastes; shows the verdict (also as
// <output id="verdict" data-valid>), every difference, the inputs and the recomputed selection
// and teams, in Chinese or English. Text is only ever inserted as text, never as HTML.
(function () {
  "use strict";
  var D = ShuangsuiDraw;
  var S = {
    zh: {
      title: "双随机抽取验证", lang: "English",
      intro: "本页在您的浏览器中独立重算抽取证书的全部内容（哈希、承诺、种子、抽中企业、检查组和第7节的拒绝条件），不联网，不依赖本单位的软件。",
      verdict: "结论", valid: "有效：重算结果与证书完全一致。", invalid: "无效：发现 {n} 处不符。",
      nojs: "未验证（浏览器未运行脚本）。", diffs: "不符之处", none: "无。",
      inputs: "输入", results: "重算结果", other: "检查另一份证书或公告",
      other_help: "选择文件或粘贴JSON文本，然后点击“检查”。只粘贴公告时，检查的是本页所附的证书。",
      cert_file: "证书（JSON）", ann_file: "事先公告（JSON，可选）", check: "检查",
      showing_own: "本页所附证书", showing_loaded: "读入的证书", showing: "正在显示：",
      draw: "抽取编号", prepared: "准备人/时间", commitment: "承诺值", secret: "秘密（揭示后）",
      hashes: "快照与参数的哈希", part: "部分", recorded: "证书记载", computed: "重算",
      entropy: "见证人熵值", witness: "见证人", text: "文本", at: "时间",
      public_value: "公开随机数", source: "来源（事先公布）", value: "数值", no_public: "无",
      seed: "种子", revealed: "揭示时间", witnessed: "到场见证人", confirmed: "确认人",
      stratum: "层", population: "总数", position: "序号", code: "统一社会信用代码", rank: "排序哈希",
      teams: "检查组（按处理顺序）", order: "顺序哈希", joint: "联合", lead: "组长",
      officers: "执法人员", auxiliaries: "辅助人员", yes: "是", no: "否", same: "一致", differs: "不符",
      no_outcome: "未能重算结果（见不符之处）。",
      announcement: "事先公告", ann_ok: "证书与事先公告一致（承诺值、哈希、抽取数量、公开随机数来源）。",
      ann_at: "公告时间",
      parts: { candidates: "候选企业", inspectors: "检查人员", conflicts: "回避关系", params: "参数" },
      strata: { key: "重点", special: "特殊", general: "一般", all: "全部" },
      tags: {
        unreadable: "无法读取证书", version: "算法版本不是 shuangsui-draw/1",
        hash: "哈希与重算不符", commitment: "秘密的SHA-256与承诺值不符",
        "seed_input:secret_too_short": "秘密不足16字节", "seed_input:no_outside_input": "既无见证人熵值也无公开随机数",
        "seed_input:bad_text": "见证人、熵值或公开随机数为空或含控制字符",
        seed: "种子与重算不符", stratum: "抽取层或其总数不符", selected: "抽中企业不符", team: "检查组不符",
        "draw:no_team": "无法组成检查组", draw: "抽取应被拒绝（第7节）",
        "announcement:unreadable": "无法读取公告", "announcement:draw": "抽取编号与公告不符",
        "announcement:commitment": "承诺值与公告不符", "announcement:hash": "哈希与公告不符",
        "announcement:counts": "抽取数量与公告不符", "announcement:public_source": "公开随机数来源与公告不符"
      }
    },
    en: {
      title: "Draw verification", lang: "中文",
      intro: "This page recomputes everything in a draw certificate in your browser (hashes, commitment, seed, drawn targets, teams and the refusals of §7), offline, without the bureau's software.",
      verdict: "Verdict", valid: "VALID: the recomputation matches the certificate exactly.", invalid: "INVALID: {n} difference(s) found.",
      nojs: "Not checked (scripts are not running).", diffs: "Differences", none: "None.",
      inputs: "Inputs", results: "Recomputed results", other: "Check another certificate or announcement",
      other_help: "Choose a file or paste the JSON text, then press Check. With only an announcement, the certificate of this page is checked against it.",
      cert_file: "Certificate (JSON)", ann_file: "Announcement made beforehand (JSON, optional)", check: "Check",
      showing_own: "the certificate of this page", showing_loaded: "the loaded certificate", showing: "Showing: ",
      draw: "Draw", prepared: "Prepared by / at", commitment: "Commitment", secret: "Secret (revealed)",
      hashes: "Hashes of the snapshot and parameters", part: "Part", recorded: "Recorded", computed: "Recomputed",
      entropy: "Witness entropy", witness: "Witness", text: "Text", at: "At",
      public_value: "Public random value", source: "Source (announced beforehand)", value: "Value", no_public: "None",
      seed: "Seed", revealed: "Revealed at", witnessed: "Witnesses present", confirmed: "Confirmed by",
      stratum: "Stratum", population: "Population", position: "#", code: "Credit code", rank: "Rank hash",
      teams: "Teams (processing order)", order: "Order hash", joint: "Joint", lead: "Lead",
      officers: "Officers", auxiliaries: "Auxiliaries", yes: "yes", no: "no", same: "same", differs: "DIFFERS",
      no_outcome: "No result could be recomputed (see the differences).",
      announcement: "Announcement", ann_ok: "The certificate matches the announcement (commitment, hashes, counts, public source).",
      ann_at: "Announced at",
      parts: { candidates: "candidates", inspectors: "inspectors", conflicts: "conflicts", params: "parameters" },
      strata: { key: "key", special: "special", general: "general", all: "all" },
      tags: {
        unreadable: "The certificate cannot be read", version: "The algorithm version is not shuangsui-draw/1",
        hash: "A hash differs from its recomputation", commitment: "The secret's SHA-256 is not the commitment",
        "seed_input:secret_too_short": "The secret is shorter than 16 bytes", "seed_input:no_outside_input": "No witness entropy and no public value",
        "seed_input:bad_text": "A witness, entropy text or public value is empty or holds a control character",
        seed: "The seed differs from its recomputation", stratum: "A stratum or its population differs",
        selected: "A drawn target differs", team: "A team differs",
        "draw:no_team": "No team could be formed", draw: "The draw must be refused (§7)",
        "announcement:unreadable": "The announcement cannot be read", "announcement:draw": "The draw differs from the announcement",
        "announcement:commitment": "The commitment differs from the announcement", "announcement:hash": "A hash differs from the announcement",
        "announcement:counts": "The counts differ from the announcement", "announcement:public_source": "The public source differs from the announcement"
      }
    }
  };
  var lang = /(^|[#&])en\b/.test(location.hash) ? "en" : "zh";
  var state = null;

  function $(id) { return document.getElementById(id); }
  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = String(text);
    if (cls) e.className = cls;
    return e;
  }
  function t(k) { return S[lang][k]; }

  function describe(d) {
    var tags = t("tags"), name = tags[d.tag];
    if (name === undefined) {
      var head = d.tag.split(":").slice(0, d.tag.indexOf("announcement") === 0 ? 2 : 1).join(":");
      name = (tags[head] || d.tag) + " — " + d.tag.split(":").pop();
    }
    var rest = [], k;
    for (k in d) if (k !== "tag") rest.push(k + ": " + (typeof d[k] === "object" ? JSON.stringify(d[k]) : d[k]));
    return name + (rest.length ? " (" + rest.join("; ") + ")" : "");
  }

  function table(headers, rows, cls) {
    var tb = el("table", null, cls), tr = el("tr"), th = el("thead"), body = el("tbody");
    headers.forEach(function (h) { tr.appendChild(el("th", h)); });
    th.appendChild(tr); tb.appendChild(th);
    rows.forEach(function (r) {
      var row = el("tr");
      r.forEach(function (c) { row.appendChild(el("td", c)); });
      body.appendChild(row);
    });
    tb.appendChild(body);
    return tb;
  }

  function renderInputs(box, c, comp) {
    box.appendChild(el("h2", t("inputs")));
    var kv = [[t("draw"), c.params.draw], [t("prepared"), c.prepared.by + " " + c.prepared.at],
      [t("commitment"), c.commitment], [t("secret"), c.secret], [t("revealed"), c.revealed_at],
      [t("witnessed"), c.witnessed.map(function (w) { return w.by + " " + w.at; }).join("; ")],
      [t("confirmed"), c.confirmed.map(function (w) { return w.by + " " + w.at; }).join("; ")]];
    box.appendChild(table(["", ""], kv, "kv"));
    box.appendChild(el("h3", t("hashes")));
    var parts = t("parts");
    box.appendChild(table([t("part"), t("recorded"), t("computed"), ""], ["candidates", "inspectors", "conflicts", "params"].map(function (k) {
      return [parts[k], c.hashes[k], comp.hashes[k], c.hashes[k] === comp.hashes[k] ? t("same") : t("differs")];
    }).concat([[t("commitment"), c.commitment, comp.commitment, c.commitment === comp.commitment ? t("same") : t("differs")],
      [t("seed"), c.seed, comp.seed, c.seed === comp.seed ? t("same") : t("differs")]]), "mono"));
    box.appendChild(el("h3", t("entropy")));
    box.appendChild(table([t("witness"), t("text"), t("at")], c.entropy.map(function (e) { return [e.witness, e.text, e.at]; })));
    box.appendChild(el("h3", t("public_value")));
    box.appendChild(c.public_value === null ? el("p", t("no_public"))
      : table([t("source"), t("value")], [[c.public_value.source, c.public_value.value]]));
  }

  function renderResults(box, comp) {
    box.appendChild(el("h2", t("results")));
    if (!comp.outcome) { box.appendChild(el("p", t("no_outcome"))); return; }
    var strata = t("strata"), rows = [];
    comp.outcome.selections.forEach(function (s) {
      if (s.targets.length === 0) rows.push([strata[s.stratum], s.population, "-", "-", "-"]);
      s.targets.forEach(function (x, i) { rows.push([strata[s.stratum], s.population, i + 1, x.code, x.rank]); });
    });
    box.appendChild(table([t("stratum"), t("population"), t("position"), t("code"), t("rank")], rows, "mono"));
    box.appendChild(el("h3", t("teams")));
    box.appendChild(table([t("position"), t("code"), t("joint"), t("lead"), t("officers"), t("auxiliaries"), t("order")],
      comp.outcome.teams.map(function (x, i) {
        return [i + 1, x.code, x.joint ? t("yes") : t("no"), x.lead, x.officers.join(", "), x.auxiliaries.join(", "), x.order];
      }), "mono"));
  }

  function render() {
    document.documentElement.lang = lang === "zh" ? "zh-CN" : "en";
    document.title = t("title");
    var n = document.querySelectorAll("[data-t]"), i;
    for (i = 0; i < n.length; i++) n[i].textContent = t(n[i].getAttribute("data-t"));
    $("lang").textContent = t("lang");
    var r = state.result, diffs = r.differences.concat(state.announcement || []);
    var v = $("verdict");
    v.setAttribute("data-valid", diffs.length === 0 ? "true" : "false");
    v.className = diffs.length === 0 ? "ok" : "bad";
    v.textContent = diffs.length === 0 ? t("valid") : t("invalid").replace("{n}", diffs.length);
    $("showing").textContent = t("showing") + (state.loaded ? t("showing_loaded") : t("showing_own"));
    var ul = $("differences");
    ul.textContent = "";
    if (diffs.length === 0) ul.appendChild(el("li", t("none")));
    diffs.forEach(function (d) { var li = el("li", describe(d)); li.setAttribute("data-tag", d.tag); ul.appendChild(li); });
    var ann = $("announcement-status");
    ann.textContent = state.announcement && state.announcement.length === 0 ? t("ann_ok") : "";
    var box = $("details");
    box.textContent = "";
    if (r.cert && r.computed && r.computed.hashes) {
      renderInputs(box, r.cert, r.computed);
      renderResults(box, r.computed);
    }
  }

  function run(certText, annText, loaded) {
    var result;
    try {
      result = D.verify(certText);
    } catch (e) {
      result = { valid: false, differences: [{ tag: "unreadable", detail: String(e && e.message || e) }] };
    }
    var ann = null;
    if (annText !== null && annText !== undefined && annText.trim() !== "") {
      ann = result.cert ? D.matchAnnouncement(result.cert, annText) : [{ tag: "announcement:unreadable", detail: "-" }];
    }
    state = { result: result, announcement: ann, loaded: loaded };
    render();
  }

  function readFile(input, done) {
    var f = input.files && input.files[0];
    if (!f) { done(null); return; }
    var r = new FileReader();
    r.onload = function () {
      try { done(new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(new Uint8Array(r.result))); }
      catch (e) { done("\u0000 not UTF-8"); }
    };
    r.readAsArrayBuffer(f);
  }

  var own = $("certificate").textContent, ownAnn = $("announcement") ? $("announcement").textContent : null;
  $("lang").addEventListener("click", function () { lang = lang === "zh" ? "en" : "zh"; render(); });
  $("check").addEventListener("click", function () {
    readFile($("cert-file"), function (certFromFile) {
      readFile($("ann-file"), function (annFromFile) {
        var cert = certFromFile !== null ? certFromFile : $("cert-text").value;
        var annText = annFromFile !== null ? annFromFile : $("ann-text").value;
        var loaded = cert.trim() !== "";
        run(loaded ? cert : own, annText, loaded);
      });
    });
  });
  run(own, ownAnn, false);
})();
