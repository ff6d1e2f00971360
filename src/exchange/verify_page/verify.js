// shuangsui-draw/1: the verifier of the public verification page (docs/draw-algorithm.md §10).
// A port of `shuangsui draw verify` (src/domain/draw/), written for the page: strict JSON
// reading (duplicate keys, unknown fields, wrong types and forms are refused, as the program
// refuses them), SHA-256, the canonical encodings, the seed, the §7 refusals, the selection, the
// teams, and a field-by-field comparison. Every difference is returned with a `tag` naming it:
// unreadable, version, hash:<part>, commitment, seed_input:<error>, seed, draw:<refusal>,
// draw:no_team, stratum, selected, team. No network, no randomness, no browser API beyond ES2017
// and BigInt. `ShuangsuiDraw.verify(text)` is the entry point.
var ShuangsuiDraw = (function () {
  "use strict";
  var V = "shuangsui-draw/1";

  // ---- SHA-256 (FIPS 180-4) over byte arrays ----
  var K = [0x428a2f98,0x71374491,0xb5c0fbcf,0xe9b5dba5,0x3956c25b,0x59f111f1,0x923f82a4,0xab1c5ed5,0xd807aa98,0x12835b01,0x243185be,0x550c7dc3,0x72be5d74,0x80deb1fe,0x9bdc06a7,0xc19bf174,0xe49b69c1,0xefbe4786,0x0fc19dc6,0x240ca1cc,0x2de92c6f,0x4a7484aa,0x5cb0a9dc,0x76f988da,0x983e5152,0xa831c66d,0xb00327c8,0xbf597fc7,0xc6e00bf3,0xd5a79147,0x06ca6351,0x14292967,0x27b70a85,0x2e1b2138,0x4d2c6dfc,0x53380d13,0x650a7354,0x766a0abb,0x81c2c92e,0x92722c85,0xa2bfe8a1,0xa81a664b,0xc24b8b70,0xc76c51a3,0xd192e819,0xd6990624,0xf40e3585,0x106aa070,0x19a4c116,0x1e376c08,0x2748774c,0x34b0bcb5,0x391c0cb3,0x4ed8aa4a,0x5b9cca4f,0x682e6ff3,0x748f82ee,0x78a5636f,0x84c87814,0x8cc70208,0x90befffa,0xa4506ceb,0xbef9a3f7,0xc67178f2];
  var H0 = [0x6a09e667,0xbb67ae85,0x3c6ef372,0xa54ff53a,0x510e527f,0x9b05688c,0x1f83d9ab,0x5be0cd19];

  function compress(h, m, off, w) {
    var i, a, b, c, d, e, f, g, hh, t1, t2, x, y;
    for (i = 0; i < 16; i++) {
      w[i] = (m[off + 4 * i] << 24) | (m[off + 4 * i + 1] << 16) | (m[off + 4 * i + 2] << 8) | m[off + 4 * i + 3];
    }
    for (i = 16; i < 64; i++) {
      x = w[i - 15]; y = w[i - 2];
      w[i] = (((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3)) +
        w[i - 7] + (((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10)) + w[i - 16] | 0;
    }
    a = h[0]; b = h[1]; c = h[2]; d = h[3]; e = h[4]; f = h[5]; g = h[6]; hh = h[7];
    for (i = 0; i < 64; i++) {
      t1 = hh + (((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7))) +
        ((e & f) ^ (~e & g)) + K[i] + w[i] | 0;
      t2 = (((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10))) +
        ((a & b) ^ (a & c) ^ (b & c)) | 0;
      hh = g; g = f; f = e; e = d + t1 | 0; d = c; c = b; b = a; a = t1 + t2 | 0;
    }
    h[0] = h[0] + a | 0; h[1] = h[1] + b | 0; h[2] = h[2] + c | 0; h[3] = h[3] + d | 0;
    h[4] = h[4] + e | 0; h[5] = h[5] + f | 0; h[6] = h[6] + g | 0; h[7] = h[7] + hh | 0;
  }

  /** SHA-256 of an array of bytes (Array or Uint8Array); returns 32 bytes. */
  function sha256(bytes) {
    var n = bytes.length, padded = ((n + 9 + 63) >> 6) << 6, m = new Uint8Array(padded), i;
    m.set(bytes);
    m[n] = 0x80;
    var bits = n * 8;
    for (i = 0; i < 8; i++) { m[padded - 1 - i] = bits % 256; bits = Math.floor(bits / 256); }
    var h = H0.slice(), w = new Array(64);
    for (i = 0; i < padded; i += 64) compress(h, m, i, w);
    var out = new Uint8Array(32);
    for (i = 0; i < 8; i++) {
      out[4 * i] = h[i] >>> 24; out[4 * i + 1] = (h[i] >>> 16) & 255;
      out[4 * i + 2] = (h[i] >>> 8) & 255; out[4 * i + 3] = h[i] & 255;
    }
    return out;
  }

  function hex(bytes) {
    var s = "", i;
    for (i = 0; i < bytes.length; i++) s += (bytes[i] < 16 ? "0" : "") + bytes[i].toString(16);
    return s;
  }

  function unhex(s) {
    var out = new Uint8Array(s.length / 2), i;
    for (i = 0; i < out.length; i++) out[i] = parseInt(s.substr(2 * i, 2), 16);
    return out;
  }

  /** UTF-8 bytes of a string without lone surrogates (the reader refuses those). */
  function utf8(s) {
    var out = [], i, c;
    for (i = 0; i < s.length; i++) {
      c = s.codePointAt(i);
      if (c > 0xffff) i++;
      if (c < 0x80) out.push(c);
      else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 63));
      else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
      else out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    }
    return out;
  }

  /** Byte concatenation with the framing of §2. */
  function Buf() { this.b = []; }
  Buf.prototype.raw = function (bytes) { for (var i = 0; i < bytes.length; i++) this.b.push(bytes[i]); return this; };
  Buf.prototype.u32 = function (n) { return this.raw([(n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255]); };
  Buf.prototype.field = function (bytes) { return this.u32(bytes.length).raw(bytes); };
  Buf.prototype.text = function (s) { return this.field(utf8(s)); };

  /** T(tag, parts…) of §2, as lowercase hex. */
  function tagged(seed, tag, parts) {
    var b = new Buf().raw(seed).text(tag), i;
    for (i = 0; i < parts.length; i++) b.text(parts[i]);
    return hex(sha256(b.b));
  }

  /** Compares strings by code point (= by UTF-8 bytes), as the program sorts. */
  function cmp(a, b) {
    var i = 0, j = 0, x, y;
    while (i < a.length && j < b.length) {
      x = a.codePointAt(i); y = b.codePointAt(j);
      if (x !== y) return x < y ? -1 : 1;
      i += x > 0xffff ? 2 : 1; j += y > 0xffff ? 2 : 1;
    }
    return (a.length - i) > 0 ? 1 : (b.length - j) > 0 ? -1 : 0;
  }

  /** A stable sort (whatever the browser's sort is). */
  function sorted(arr, compare) {
    return arr.map(function (v, i) { return [v, i]; })
      .sort(function (x, y) { return compare(x[0], y[0]) || x[1] - y[1]; })
      .map(function (p) { return p[0]; });
  }

  // ---- strict JSON (as serde_json reads it) ----
  function Num(text) { this.text = text; }

  function JsonError(msg, pos) { this.message = msg; this.pos = pos; }

  /** A reader over JSON text: the position `i` in `text`. */
  function Reader(text) { this.text = text; this.i = 0; }
  Reader.prototype.fail = function (msg) { throw new JsonError(msg, this.i); };
  Reader.prototype.ws = function () {
    while (this.i < this.text.length && " \t\n\r".indexOf(this.text[this.i]) >= 0) this.i++;
  };
  Reader.prototype.word = function (w, v) {
    if (this.text.substr(this.i, w.length) !== w) this.fail("expected a value");
    this.i += w.length;
    return v;
  };
  Reader.prototype.value = function (depth) {
    if (depth > 128) this.fail("nested too deeply");
    this.ws();
    var c = this.text[this.i];
    if (c === "{") return this.object(depth);
    if (c === "[") return this.array(depth);
    if (c === "\"") return this.string();
    if (c === "t") return this.word("true", true);
    if (c === "f") return this.word("false", false);
    if (c === "n") return this.word("null", null);
    if (c === "-" || (c >= "0" && c <= "9")) return this.number();
    this.fail("expected a value");
  };
  Reader.prototype.object = function (depth) {
    var o = Object.create(null), k;
    this.i++; this.ws();
    if (this.text[this.i] === "}") { this.i++; return o; }
    for (;;) {
      this.ws();
      if (this.text[this.i] !== "\"") this.fail("expected a key");
      k = this.string();
      if (Object.prototype.hasOwnProperty.call(o, k)) this.fail("duplicate key \"" + k + "\"");
      this.ws();
      if (this.text[this.i] !== ":") this.fail("expected ':'");
      this.i++;
      o[k] = this.value(depth + 1);
      this.ws();
      if (this.text[this.i] === ",") { this.i++; continue; }
      if (this.text[this.i] === "}") { this.i++; return o; }
      this.fail("expected ',' or '}'");
    }
  };
  Reader.prototype.array = function (depth) {
    var a = [];
    this.i++; this.ws();
    if (this.text[this.i] === "]") { this.i++; return a; }
    for (;;) {
      a.push(this.value(depth + 1));
      this.ws();
      if (this.text[this.i] === ",") { this.i++; continue; }
      if (this.text[this.i] === "]") { this.i++; return a; }
      this.fail("expected ',' or ']'");
    }
  };
  Reader.prototype.hex4 = function () {
    var h = this.text.substr(this.i, 4);
    if (!/^[0-9a-fA-F]{4}$/.test(h)) this.fail("bad \\u escape");
    this.i += 4;
    return parseInt(h, 16);
  };
  /** A \u escape (after the `u`), a surrogate pair taken whole. */
  Reader.prototype.unicode = function () {
    var u = this.hex4(), l;
    if (u >= 0xdc00 && u <= 0xdfff) this.fail("lone surrogate");
    if (u < 0xd800 || u > 0xdbff) return String.fromCharCode(u);
    if (this.text.substr(this.i, 2) !== "\\u") this.fail("lone surrogate");
    this.i += 2;
    l = this.hex4();
    if (l < 0xdc00 || l > 0xdfff) this.fail("lone surrogate");
    return String.fromCharCode(u, l);
  };
  var ESCAPES = { "\"": "\"", "\\": "\\", "/": "/", b: "\b", f: "\f", n: "\n", r: "\r", t: "\t" };
  Reader.prototype.string = function () {
    var out = "", c;
    this.i++;
    for (;;) {
      if (this.i >= this.text.length) this.fail("unterminated string");
      c = this.text[this.i++];
      if (c === "\"") return out;
      if (c.charCodeAt(0) < 0x20) this.fail("control character in a string");
      if (c !== "\\") { out += c; continue; }
      c = this.text[this.i++];
      if (c === "u") out += this.unicode();
      else if (Object.prototype.hasOwnProperty.call(ESCAPES, c)) out += ESCAPES[c];
      else this.fail("bad escape");
    }
  };
  Reader.prototype.number = function () {
    var m = /^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?/.exec(this.text.substr(this.i, 400));
    if (!m) this.fail("bad number");
    this.i += m[0].length;
    return new Num(m[0]);
  };

  /** Parses JSON as serde_json does: numbers kept as text, duplicate keys refused. */
  function parseJson(text) {
    var r = new Reader(text), v = r.value(0);
    r.ws();
    if (r.i < text.length) r.fail("trailing characters");
    return v;
  }

  // ---- the certificate's shape (serde's, with deny_unknown_fields everywhere) ----
  var GROUPS = ["key", "special", "general", "positive_list"];
  var STRATA = ["key", "special", "general", "all"];
  var KINDS = ["officer", "auxiliary"];
  var POLLUTANTS = ["air", "water", "soil", "noise", "solid_waste", "hazardous_waste"];
  var EXPERTISE = POLLUTANTS.concat(["radiation", "ecology", "monitoring", "law"]);

  function ShapeError(path, msg) { this.message = path + ": " + msg; }

  function isObj(v) { return v !== null && typeof v === "object" && !Array.isArray(v) && !(v instanceof Num); }

  function struct(v, path, fields) {
    if (!isObj(v)) throw new ShapeError(path, "expected an object");
    var out = {}, k;
    for (k in v) if (!Object.prototype.hasOwnProperty.call(fields, k)) throw new ShapeError(path, "unknown field \"" + k + "\"");
    for (k in fields) {
      if (!(k in v)) throw new ShapeError(path, "missing field \"" + k + "\"");
      out[k] = fields[k](v[k], path + "." + k);
    }
    return out;
  }

  function str(v, path) {
    if (typeof v !== "string") throw new ShapeError(path, "expected a string");
    return v;
  }
  function optStr(v, path) { return v === null ? null : str(v, path); }
  function bool(v, path) {
    if (typeof v !== "boolean") throw new ShapeError(path, "expected true or false");
    return v;
  }
  /** An unsigned integer below 2^bits (32 or 64), kept as its decimal text and a Number. */
  function uint(bits) {
    var max = bits === 32 ? "4294967295" : "18446744073709551615";
    return function (v, path) {
      if (!(v instanceof Num) || !/^(0|[1-9][0-9]*)$/.test(v.text)) throw new ShapeError(path, "expected an unsigned integer");
      var t = v.text;
      if (t.length > max.length || (t.length === max.length && t > max)) throw new ShapeError(path, "number out of range");
      return { text: t, n: Number(t) };
    };
  }
  var u32 = uint(32), u64 = uint(64);
  function list(item) {
    return function (v, path) {
      if (!Array.isArray(v)) throw new ShapeError(path, "expected an array");
      return v.map(function (x, i) { return item(x, path + "[" + i + "]"); });
    };
  }
  function code(vocab) {
    return function (v, path) {
      str(v, path);
      if (vocab.indexOf(v) < 0) throw new ShapeError(path, "unknown code \"" + v + "\"");
      return v;
    };
  }
  /** A set of codes: each known, none repeated. */
  function codeSet(vocab) {
    return function (v, path) {
      var out = list(code(vocab))(v, path), seen = {};
      out.forEach(function (c) {
        if (seen[c]) throw new ShapeError(path, "code \"" + c + "\" repeated in a set");
        seen[c] = true;
      });
      return out;
    };
  }
  function h256(v, path) {
    if (typeof v !== "string" || !/^[0-9a-f]{64}$/.test(v)) throw new ShapeError(path, "expected 64 lowercase hexadecimal digits");
    return v;
  }
  function hexBytes(v, path) {
    if (typeof v !== "string" || !/^([0-9a-f]{2})*$/.test(v)) throw new ShapeError(path, "expected an even number of lowercase hexadecimal digits");
    return v;
  }
  var DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  /** RFC 3339 with an upper-case T, seconds below 60, Z or ±hh:mm, a real calendar day. */
  function time(v, path) {
    var m = typeof v === "string" &&
      /^(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)(\.\d{1,9})?(Z|[+-](\d\d):(\d\d))$/.exec(v);
    if (!m) throw new ShapeError(path, "expected an RFC 3339 time");
    var y = +m[1], mo = +m[2], d = +m[3];
    var leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
    var dim = mo === 2 && leap ? 29 : DAYS[mo - 1];
    if (mo < 1 || mo > 12 || d < 1 || d > dim || +m[4] > 23 || +m[5] > 59 || +m[6] > 59 ||
        (m[9] !== undefined && (+m[9] > 23 || +m[10] > 59))) {
      throw new ShapeError(path, "not a valid time");
    }
    return v;
  }

  function quota(v, path) {
    if (!isObj(v)) throw new ShapeError(path, "expected an object");
    if (!("mode" in v)) throw new ShapeError(path, "missing field \"mode\"");
    var mode = code(["classified", "unclassified"])(v.mode, path + ".mode"), rest = {}, k;
    for (k in v) if (k !== "mode") rest[k] = v[k];
    var q = mode === "classified"
      ? struct(rest, path, { key: u32, special: u32, general: u32 })
      : struct(rest, path, { count: u32 });
    q.mode = mode;
    return q;
  }

  var signoff = function (v, p) { return struct(v, p, { by: str, at: time }); };
  var SHAPE = {
    version: str,
    params: function (v, p) {
      return struct(v, p, {
        draw: str, quota: quota, team_size: u32, auxiliaries: u32, joint_bp: u32,
        workload_cap: u32, previous_lead_may_lead: bool, items: list(str),
        item_expertise: codeSet(EXPERTISE)
      });
    },
    snapshot: function (v, p) {
      return struct(v, p, {
        candidates: list(function (v, p) {
          return struct(v, p, { code: str, group: code(GROUPS), pollutants: codeSet(POLLUTANTS), previous_lead: optStr });
        }),
        inspectors: list(function (v, p) {
          return struct(v, p, { id: str, kind: code(KINDS), section: str, expertise: codeSet(EXPERTISE) });
        }),
        conflicts: list(function (v, p) { return struct(v, p, { inspector: str, code: str }); })
      });
    },
    hashes: function (v, p) { return struct(v, p, { candidates: h256, inspectors: h256, conflicts: h256, params: h256 }); },
    commitment: h256,
    secret: hexBytes,
    entropy: list(function (v, p) { return struct(v, p, { witness: str, text: str, at: time }); }),
    public_value: function (v, p) { return v === null ? null : struct(v, p, { source: str, value: str }); },
    seed: h256,
    outcome: function (v, p) {
      return struct(v, p, {
        selections: list(function (v, p) {
          return struct(v, p, {
            stratum: code(STRATA), population: u64,
            targets: list(function (v, p) { return struct(v, p, { code: str, rank: h256 }); })
          });
        }),
        teams: list(function (v, p) {
          return struct(v, p, {
            code: str, order: h256, joint: bool, lead: str, officers: list(str), auxiliaries: list(str)
          });
        })
      });
    },
    prepared: signoff,
    witnessed: list(signoff),
    confirmed: list(signoff),
    revealed_at: time
  };

  /** Reads a certificate's text: {cert} or {error}. */
  function read(text) {
    try {
      return { cert: struct(parseJson(text), "certificate", SHAPE) };
    } catch (e) {
      if (e instanceof JsonError || e instanceof ShapeError) {
        return { error: e instanceof JsonError ? "JSON (at character " + e.pos + "): " + e.message : e.message };
      }
      throw e;
    }
  }

  // ---- §3 encodings ----
  function quotaStrata(q) {
    return q.mode === "classified"
      ? [["key", q.key.n], ["special", q.special.n], ["general", q.general.n]]
      : [["all", q.count.n]];
  }

  function setText(codes) { return sorted(codes, cmp).join(","); }

  function part(name, lines) {
    var s = V + "\t" + name + "\n";
    lines.forEach(function (l) { s += l + "\n"; });
    return s;
  }

  function encodings(s, p) {
    var cand = sorted(s.candidates, function (a, b) { return cmp(a.code, b.code); });
    var insp = sorted(s.inspectors, function (a, b) { return cmp(a.id, b.id); });
    var conf = sorted(s.conflicts, function (a, b) { return cmp(a.inspector, b.inspector) || cmp(a.code, b.code); });
    var params = ["draw\t" + p.draw, "mode\t" + p.quota.mode];
    quotaStrata(p.quota).forEach(function (c) { params.push("count\t" + c[0] + "\t" + c[1]); });
    ["team_size", "auxiliaries", "joint_bp", "workload_cap"].forEach(function (k) { params.push(k + "\t" + p[k].text); });
    params.push("previous_lead_may_lead\t" + (p.previous_lead_may_lead ? "true" : "false"));
    params.push("item_expertise\t" + setText(p.item_expertise));
    sorted(p.items, cmp).forEach(function (it) { params.push("item\t" + it); });
    return {
      candidates: part("candidates", cand.map(function (c) {
        return [c.code, c.group, setText(c.pollutants), c.previous_lead === null ? "" : c.previous_lead].join("\t");
      })),
      inspectors: part("inspectors", insp.map(function (i) {
        return [i.id, i.kind, i.section, setText(i.expertise)].join("\t");
      })),
      conflicts: part("conflicts", conf.map(function (c) { return c.inspector + "\t" + c.code; })),
      params: part("parameters", params)
    };
  }

  var PARTS = ["candidates", "inspectors", "conflicts", "params"];

  function hashes(s, p) {
    var enc = encodings(s, p), out = {};
    PARTS.forEach(function (k) { out[k] = hex(sha256(utf8(enc[k]))); });
    return out;
  }

  // ---- §4 seed ----
  function badText(t) { return t.length === 0 || /[\u0000-\u001f\u007f-\u009f]/.test(t); }

  function seedInputErrors(c) {
    var out = [];
    if (c.secret.length / 2 < 16) out.push({ tag: "seed_input:secret_too_short", len: c.secret.length / 2 });
    if (c.entropy.length === 0 && c.public_value === null) out.push({ tag: "seed_input:no_outside_input" });
    var bad = c.entropy.some(function (e) { return badText(e.witness) || badText(e.text); }) ||
      (c.public_value !== null && (badText(c.public_value.source) || badText(c.public_value.value)));
    if (bad) out.push({ tag: "seed_input:bad_text" });
    return out;
  }

  function seedOf(h, c) {
    var b = new Buf().text(V).text("seed");
    PARTS.forEach(function (k) { b.field(unhex(h[k])); });
    b.field(unhex(c.commitment)).field(unhex(c.secret)).u32(c.entropy.length);
    c.entropy.forEach(function (e) { b.text(e.witness).text(e.text); });
    if (c.public_value === null) b.u32(0);
    else b.u32(1).text(c.public_value.source).text(c.public_value.value);
    return hex(sha256(b.b));
  }

  // ---- pools (src/domain/draw/pools.rs) ----
  function pools(s) {
    var secNames = sorted(s.inspectors.map(function (i) { return i.section; }), cmp)
      .filter(function (x, i, a) { return i === 0 || a[i - 1] !== x; });
    var secNo = {};
    secNames.forEach(function (n, i) { secNo["$" + n] = i; });
    var P = { officer: [], auxiliary: [], sections: secNames, conflicts: {} }, byId = {};
    sorted(s.inspectors, function (a, b) { return cmp(a.id, b.id); }).forEach(function (i) {
      var pool = P[i.kind];
      if (!(("$" + i.id) in byId)) byId["$" + i.id] = [i.kind, pool.length];
      pool.push({ id: i.id, section: secNo["$" + i.section], expertise: i.expertise });
    });
    s.conflicts.forEach(function (c) {
      var who = byId["$" + c.inspector];
      if (!who) return;
      var l = P.conflicts["$" + c.code] || (P.conflicts["$" + c.code] = []);
      if (!l.some(function (x) { return x[0] === who[0] && x[1] === who[1]; })) l.push(who);
    });
    P.conflicted = function (code, kind) {
      return (P.conflicts["$" + code] || []).filter(function (x) { return x[0] === kind; }).map(function (x) { return x[1]; });
    };
    return P;
  }

  function inStratum(stratum, group) { return stratum === "all" ? group !== "positive_list" : group === stratum; }

  function jointCount(n, bp) {
    var r = (BigInt(n) * BigInt(bp) + BigInt(9999)) / BigInt(10000);
    return Number(r < BigInt(n) ? r : BigInt(n));
  }

  // ---- §7 refusals (src/domain/draw/check.rs) ----
  var CODE_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
  function isCodeForm(s) {
    if (utf8(s).length !== 18) return false;
    for (var i = 0; i < s.length; i++) if (CODE_ALPHABET.indexOf(s[i]) < 0) return false;
    return true;
  }

  function checkRows(s, p, out) {
    var bad = function (part, key, field) { out.push({ tag: "draw:bad_field", part: part, key: key, field: field }); };
    var seen = {};
    s.candidates.forEach(function (c) {
      if (!isCodeForm(c.code)) out.push({ tag: "draw:bad_credit_code", code: c.code });
      else if (seen["$" + c.code]) out.push({ tag: "draw:duplicate_candidate", code: c.code });
      seen["$" + c.code] = true;
      if (c.previous_lead !== null && badText(c.previous_lead)) bad("candidates", c.code, "previous_lead");
    });
    seen = {};
    s.inspectors.forEach(function (i) {
      if (badText(i.id)) bad("inspectors", i.id, "id");
      else if (seen["$" + i.id]) out.push({ tag: "draw:duplicate_inspector", id: i.id });
      seen["$" + i.id] = true;
      if (badText(i.section)) bad("inspectors", i.id, "section");
    });
    seen = {};
    s.conflicts.forEach(function (c) {
      var k = "$" + c.inspector + "\t" + c.code;
      if (badText(c.inspector)) bad("conflicts", c.code, "inspector");
      else if (badText(c.code)) bad("conflicts", c.inspector, "code");
      else if (seen[k]) out.push({ tag: "draw:duplicate_conflict", inspector: c.inspector, code: c.code });
      seen[k] = true;
    });
    if (badText(p.draw)) bad("params", p.draw, "draw");
    seen = {};
    p.items.forEach(function (it) {
      if (badText(it)) bad("params", it, "items");
      else if (seen["$" + it]) out.push({ tag: "draw:duplicate_item", item: it });
      seen["$" + it] = true;
    });
  }

  function checkRules(s, p, P, out) {
    var size = p.team_size.n, aux = p.auxiliaries.n, cap = BigInt(p.workload_cap.n);
    var sizeOk = size >= 2 && size <= 4, auxOk = aux <= 2;
    if (!sizeOk) out.push({ tag: "draw:team_size", size: size });
    if (!auxOk) out.push({ tag: "draw:auxiliaries_per_team", per_team: aux });
    if (p.joint_bp.n > 10000) out.push({ tag: "draw:joint_share", bp: p.joint_bp.n });
    if (p.workload_cap.n === 0) out.push({ tag: "draw:zero_workload_cap" });
    var strata = quotaStrata(p.quota), n = 0;
    strata.forEach(function (st) {
      var pop = s.candidates.filter(function (c) { return inStratum(st[0], c.group); }).length;
      if (st[1] > pop) out.push({ tag: "draw:count_exceeds_population", stratum: st[0], count: st[1], population: pop });
      n += st[1];
    });
    if (n === 0) { out.push({ tag: "draw:nothing_to_draw" }); return; }
    var joint = jointCount(n, Math.min(p.joint_bp.n, 10000)), roles = [];
    if (sizeOk) roles.push(["officer", size]);
    if (auxOk && aux > 0) roles.push(["auxiliary", aux]);
    roles.forEach(function (r) {
      var available = P[r[0]].length, needed = BigInt(n) * BigInt(r[1]), capacity = cap * BigInt(available);
      if (available < r[1]) out.push({ tag: "draw:too_few", role: r[0], available: available, needed: r[1] });
      else if (cap > 0 && capacity < needed) out.push({ tag: "draw:capacity", role: r[0], needed: String(needed), capacity: String(capacity) });
    });
    var perSection = {};
    P.officer.forEach(function (o) { perSection[o.section] = (perSection[o.section] || 0) + 1; });
    var secs = Object.keys(perSection).map(Number).sort(function (a, b) { return a - b; });
    if (joint > 0 && P.officer.length > 0) {
      if (secs.length < 2) out.push({ tag: "draw:too_few_sections", sections: secs.length });
      else {
        var largest = secs[0];
        secs.forEach(function (x) { if (perSection[x] > perSection[largest]) largest = x; });
        var capacity = cap * BigInt(P.officer.length - perSection[largest]);
        if (cap > 0 && capacity < BigInt(joint)) {
          out.push({ tag: "draw:joint_capacity", section: P.sections[largest], needed: joint, capacity: String(capacity) });
        }
      }
    }
    checkTargets(s, p, P, roles, perSection, joint > 0, out);
  }

  function checkTargets(s, p, P, roles, perSection, joint, out) {
    var drawn = quotaStrata(p.quota).filter(function (x) { return x[1] > 0; }).map(function (x) { return x[0]; });
    var codes = s.candidates
      .filter(function (c) { return drawn.some(function (st) { return inStratum(st, c.group); }); })
      .map(function (c) { return c.code; })
      .filter(function (code) { return ("$" + code) in P.conflicts; });
    codes = sorted(codes, cmp).filter(function (x, i, a) { return i === 0 || a[i - 1] !== x; });
    var nSections = Object.keys(perSection).length;
    codes.forEach(function (code) {
      roles.forEach(function (r) {
        var all = P[r[0]].length, available = Math.max(0, all - P.conflicted(code, r[0]).length);
        if (available < r[1] && all >= r[1]) {
          out.push({ tag: "draw:target_too_few", code: code, role: r[0], available: available, needed: r[1] });
        }
      });
      if (joint && nSections >= 2) {
        var left = {}, k;
        for (k in perSection) left[k] = perSection[k];
        P.conflicted(code, "officer").forEach(function (i) { left[P.officer[i].section] -= 1; });
        if (Object.keys(left).filter(function (k) { return left[k] > 0; }).length < 2) {
          out.push({ tag: "draw:target_one_section", code: code });
        }
      }
    });
  }

  function check(s, p, P) {
    var out = [];
    checkRows(s, p, out);
    checkRules(s, p, P, out);
    return out;
  }

  // ---- §5 selection ----
  function select(s, p, seed) {
    return quotaStrata(p.quota).map(function (st) {
      var members = s.candidates.filter(function (c) { return inStratum(st[0], c.group); });
      var ranked = members.map(function (c) { return { code: c.code, rank: tagged(seed, "select", [st[0], c.code]) }; });
      ranked = sorted(ranked, function (a, b) { return a.rank < b.rank ? -1 : a.rank > b.rank ? 1 : cmp(a.code, b.code); });
      return { stratum: st[0], population: String(members.length), targets: ranked.slice(0, Math.min(st[1], members.length)) };
    });
  }

  // ---- §6 teams ----
  /** Index `h` (hex) read as a number, modulo k. */
  function modHex(h, k) {
    var r = 0;
    for (var i = 0; i < h.length; i += 2) r = (r * 256 + parseInt(h.substr(i, 2), 16)) % k;
    return r;
  }

  function needs(c, p) {
    var need = {};
    c.pollutants.forEach(function (x) { need[x] = true; });
    p.item_expertise.forEach(function (x) { need[x] = true; });
    return need;
  }

  /** Fills one slot: the tie set (lowest load, then highest match, in id order) and the pick. */
  function pickOne(pool, load, excluded, cap, want, barredSection, h) {
    var eligible = [], i;
    for (i = 0; i < pool.length; i++) {
      if (!excluded[i] && load[i] < cap && pool[i].section !== barredSection) eligible.push(i);
    }
    if (eligible.length === 0) return null;
    var low = Math.min.apply(null, eligible.map(function (i) { return load[i]; }));
    var m = function (i) { return pool[i].expertise.filter(function (e) { return want[e]; }).length; };
    var atLow = eligible.filter(function (i) { return load[i] === low; });
    var best = Math.max.apply(null, atLow.map(m));
    var tie = atLow.filter(function (i) { return m(i) === best; });
    return tie[modHex(h, tie.length)];
  }

  function teamFor(c, isJoint, p, P, st, seed) {
    var need = needs(c, p), covered = {}, picked = { officer: [], auxiliary: [] };
    var conflictedBy = { officer: P.conflicted(c.code, "officer"), auxiliary: P.conflicted(c.code, "auxiliary") };
    var slotsOf = { officer: p.team_size.n, auxiliary: p.auxiliaries.n };
    var failed = null;
    ["officer", "auxiliary"].forEach(function (kind) {
      var pool = P[kind], excluded = {}, slots = slotsOf[kind], j;
      conflictedBy[kind].forEach(function (i) { excluded[i] = true; });
      for (j = 0; j < slots && !failed; j++) {
        var barred;
        if (kind === "officer" && isJoint && j + 1 === slots) {
          var first = pool[picked.officer[0]].section;
          if (picked.officer.every(function (i) { return pool[i].section === first; })) barred = first;
        }
        var want = {}, e;
        for (e in need) if (!covered[e]) want[e] = true;
        var who = pickOne(pool, st[kind], excluded, p.workload_cap.n, want, barred,
          tagged(seed, "team", [c.code, kind, String(j)]));
        if (who === null) { failed = { tag: "draw:no_team", code: c.code, role: kind, slot: j, joint: isJoint }; break; }
        excluded[who] = true;
        st[kind][who] += 1;
        pool[who].expertise.forEach(function (x) { covered[x] = true; });
        picked[kind].push(who);
      }
    });
    if (failed) return { error: failed };
    var ids = function (kind) { return picked[kind].map(function (i) { return P[kind][i].id; }); };
    var officers = ids("officer"), barredLead = p.previous_lead_may_lead ? null : c.previous_lead;
    var lead = officers.filter(function (id) { return id !== barredLead; })[0];
    if (lead === undefined) lead = officers[0] === undefined ? "" : officers[0];
    return { team: { code: c.code, joint: isJoint, lead: lead, officers: officers, auxiliaries: ids("auxiliary") } };
  }

  function teams(s, p, P, seed, selections) {
    var byCode = {}, order = [];
    s.candidates.forEach(function (c) { if (!(("$" + c.code) in byCode)) byCode["$" + c.code] = c; });
    var seen = {};
    selections.forEach(function (x) {
      x.targets.forEach(function (t) {
        if (seen["$" + t.code]) return;
        seen["$" + t.code] = true;
        order.push({ c: byCode["$" + t.code], order: tagged(seed, "joint", [t.code]) });
      });
    });
    order = sorted(order, function (a, b) { return a.order < b.order ? -1 : a.order > b.order ? 1 : cmp(a.c.code, b.c.code); });
    var joint = jointCount(order.length, p.joint_bp.n), out = [];
    var st = { officer: P.officer.map(function () { return 0; }), auxiliary: P.auxiliary.map(function () { return 0; }) };
    for (var t = 0; t < order.length; t++) {
      var r = teamFor(order[t].c, t < joint, p, P, st, seed);
      if (r.error) return { error: r.error };
      r.team.order = order[t].order;
      out.push(r.team);
    }
    return { teams: out };
  }

  /** Runs §7, §5 and §6: {refusals} or {error} or {outcome}. */
  function draw(s, p, seed) {
    var P = pools(s), refusals = check(s, p, P);
    if (refusals.length) return { refusals: refusals };
    var selections = select(s, p, unhex(seed));
    var t = teams(s, p, P, unhex(seed), selections);
    if (t.error) return { error: t.error };
    return { outcome: { selections: selections, teams: t.teams } };
  }

  // ---- comparison ----
  function sameTarget(a, b) { return !!a && !!b && a.code === b.code && a.rank === b.rank; }
  function sameList(a, b) {
    return a.length === b.length && a.every(function (x, i) { return x === b[i]; });
  }
  function sameTeam(a, b) {
    return !!a && !!b && a.code === b.code && a.order === b.order && a.joint === b.joint &&
      a.lead === b.lead && sameList(a.officers, b.officers) && sameList(a.auxiliaries, b.auxiliaries);
  }

  function compare(rec, comp, out) {
    var n = Math.max(rec.selections.length, comp.selections.length), i, j;
    for (i = 0; i < n; i++) {
      var r = rec.selections[i], c = comp.selections[i];
      var head = function (x) { return x ? x.stratum + " " + (x.population.text || x.population) : null; };
      if (head(r) !== head(c)) out.push({ tag: "stratum", position: i, recorded: head(r), computed: head(c) });
      if (!r || !c) continue;
      var m = Math.max(r.targets.length, c.targets.length);
      for (j = 0; j < m; j++) {
        if (!(r.targets[j] === undefined && c.targets[j] === undefined) && !sameTarget(r.targets[j], c.targets[j])) {
          out.push({ tag: "selected", stratum: c.stratum, position: j, recorded: r.targets[j] || null, computed: c.targets[j] || null });
        }
      }
    }
    n = Math.max(rec.teams.length, comp.teams.length);
    for (i = 0; i < n; i++) {
      if (!sameTeam(rec.teams[i], comp.teams[i])) {
        out.push({ tag: "team", position: i, recorded: rec.teams[i] || null, computed: comp.teams[i] || null });
      }
    }
  }

  /** Verifies a certificate's text: {valid, differences, cert, computed}. */
  function verify(text) {
    var r = read(text);
    if (r.error) return { valid: false, differences: [{ tag: "unreadable", detail: r.error }] };
    var c = r.cert, out = [], computed = {};
    if (c.version !== V) {
      return { valid: false, cert: c, differences: [{ tag: "version", recorded: c.version, supported: V }] };
    }
    computed.hashes = hashes(c.snapshot, c.params);
    PARTS.forEach(function (k) {
      if (computed.hashes[k] !== c.hashes[k]) out.push({ tag: "hash:" + k, recorded: c.hashes[k], computed: computed.hashes[k] });
    });
    computed.commitment = hex(sha256(unhex(c.secret)));
    if (computed.commitment !== c.commitment) out.push({ tag: "commitment", recorded: c.commitment, computed: computed.commitment });
    seedInputErrors(c).forEach(function (e) { out.push(e); });
    computed.seed = seedOf(computed.hashes, c);
    if (computed.seed !== c.seed) out.push({ tag: "seed", recorded: c.seed, computed: computed.seed });
    var d = draw(c.snapshot, c.params, computed.seed);
    if (d.refusals) d.refusals.forEach(function (x) { out.push(x); });
    else if (d.error) out.push(d.error);
    else { computed.outcome = d.outcome; compare(c.outcome, d.outcome, out); }
    return { valid: out.length === 0, differences: out, cert: c, computed: computed };
  }

  // ---- the announcement made before the reveal ----
  var ANNOUNCEMENT = "shuangsui-draw/1 announcement";
  function readAnnouncement(text) {
    try {
      return {
        ann: struct(parseJson(text), "announcement", {
          kind: str, draw_id: u64, draw: str, quarter: str, at: time, commitment: h256,
          hashes: SHAPE.hashes,
          counts: list(function (v, p) { return struct(v, p, { stratum: code(STRATA), count: u32 }); }),
          public_source: optStr, public_value_known: optStr
        })
      };
    } catch (e) {
      if (e instanceof JsonError || e instanceof ShapeError) return { error: e.message };
      throw e;
    }
  }

  /** Differences between a certificate and the announcement made before its reveal. */
  function matchAnnouncement(c, text) {
    var r = readAnnouncement(text), out = [];
    if (r.error) return [{ tag: "announcement:unreadable", detail: r.error }];
    var a = r.ann;
    if (a.kind !== ANNOUNCEMENT) return [{ tag: "announcement:unreadable", detail: "kind \"" + a.kind + "\"" }];
    if (a.draw !== c.params.draw) out.push({ tag: "announcement:draw", recorded: c.params.draw, computed: a.draw });
    if (a.commitment !== c.commitment) out.push({ tag: "announcement:commitment", recorded: c.commitment, computed: a.commitment });
    PARTS.forEach(function (k) {
      if (a.hashes[k] !== c.hashes[k]) out.push({ tag: "announcement:hash:" + k, recorded: c.hashes[k], computed: a.hashes[k] });
    });
    var counts = function (l) { return l.map(function (x) { return x[0] + " " + x[1]; }).join(", "); };
    var announced = counts(a.counts.map(function (x) { return [x.stratum, x.count.text]; }));
    if (announced !== counts(quotaStrata(c.params.quota))) {
      out.push({ tag: "announcement:counts", recorded: counts(quotaStrata(c.params.quota)), computed: announced });
    }
    var source = c.public_value === null ? null : c.public_value.source;
    if (a.public_source !== source) out.push({ tag: "announcement:public_source", recorded: source, computed: a.public_source });
    return out;
  }

  return {
    VERSION: V, sha256: sha256, hex: hex, utf8: utf8, parseJson: parseJson, read: read,
    verify: verify, matchAnnouncement: matchAnnouncement, readAnnouncement: readAnnouncement,
    encodings: encodings
  };
})();
if (typeof module !== "undefined") module.exports = ShuangsuiDraw;
