// Trunk post-build hook: gives the built index.html a Content-Security-Policy. Scripts may
// come only from the site itself, plus Trunk's inline loader by its SHA-256 hash; the
// WebAssembly module may be compiled ('wasm-unsafe-eval'), nothing may be eval'd, no
// plugins, no <base>. Styles allow inline attributes because Yew sets style attributes
// (per-process colours, token positions).
import { readFileSync, writeFileSync } from "node:fs";
import { createHash } from "node:crypto";
import { join } from "node:path";

const file = join(process.env.TRUNK_STAGING_DIR ?? "dist", "index.html");
let html = readFileSync(file, "utf8");
const hashes = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map(
  (m) => `'sha256-${createHash("sha256").update(m[1], "utf8").digest("base64")}'`,
);
const policy = [
  "default-src 'self'",
  `script-src 'self' 'wasm-unsafe-eval' ${hashes.join(" ")}`,
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join("; ");
html = html.replace(/<meta http-equiv="Content-Security-Policy"[^>]*>\s*/, "");
html = html.replace("<head>", `<head>\n  <meta http-equiv="Content-Security-Policy" content="${policy}">`);
writeFileSync(file, html);
