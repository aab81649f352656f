#!/usr/bin/env node
// Install guard for Hardhat's native simulator (EDR).
//
// EDR ships its engine as one optional package per platform, and those packages declare
// `engines.node >= 22`. An npm that itself runs on an older Node silently skips the optional
// package, and Hardhat later stops with HHE27 ("EDR native module not found"). This guard runs after
// `npm install` and before `npm test`: when the package for this platform is missing, it fetches
// exactly the version EDR pins, from the configured npm registry, and unpacks it in place.
// On a machine where npm installed it (Node 22+, macOS, Windows) it finds the package and does nothing.
//
// CommonJS and dependency-free on purpose: it must run on any Node that npm runs on.
"use strict";

const { execFileSync } = require("node:child_process");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");

const root = path.resolve(__dirname, "..", "..");

function platformPackageName() {
  const { platform, arch } = process;
  if (platform === "darwin") return `@nomicfoundation/edr-darwin-${arch}`;
  if (platform === "win32") return `@nomicfoundation/edr-win32-${arch}-msvc`;
  if (platform === "linux") {
    const report = process.report?.getReport ? process.report.getReport() : null;
    const glibc = report?.header?.glibcVersionRuntime;
    return `@nomicfoundation/edr-linux-${arch}-${glibc ? "gnu" : "musl"}`;
  }
  return null;
}

// Node's own resolution as a directory walk: EDR's `exports` hide its package.json from require.resolve.
function findPackageDir(name, fromDir) {
  for (let dir = fromDir; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, "node_modules", ...name.split("/"));
    if (fs.existsSync(path.join(candidate, "package.json"))) return candidate;
    if (path.dirname(dir) === dir) return null;
  }
}

function main() {
  const hardhatDir = findPackageDir("hardhat", root);
  const edrDir = hardhatDir && findPackageDir("@nomicfoundation/edr", hardhatDir);
  if (!edrDir) return; // Hardhat is not installed (an SDK-only install): nothing to guard.
  const edrManifest = path.join(edrDir, "package.json");
  const name = platformPackageName();
  const pinned = name && JSON.parse(fs.readFileSync(edrManifest, "utf8")).optionalDependencies?.[name];
  if (!pinned) return; // A platform EDR does not support: let Hardhat report it.

  const found = findPackageDir(name, edrDir);
  if (found && JSON.parse(fs.readFileSync(path.join(found, "package.json"), "utf8")).version === pinned) return;

  // Beside EDR, where its `require(name)` looks first.
  const target = path.join(path.dirname(edrDir), name.split("/")[1]);
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "edr-"));
  try {
    console.log(`ensure-edr: ${name}@${pinned} was skipped by npm; fetching it.`);
    const npm = process.platform === "win32" ? "npm.cmd" : "npm";
    const tarball = execFileSync(npm, ["pack", `${name}@${pinned}`, "--silent", "--pack-destination", scratch], {
      cwd: scratch,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "inherit"],
      shell: process.platform === "win32",
    })
      .trim()
      .split(/\r?\n/)
      .pop();
    execFileSync("tar", ["-xzf", path.join(scratch, tarball), "-C", scratch], { stdio: "inherit" });
    fs.rmSync(target, { recursive: true, force: true });
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.cpSync(path.join(scratch, "package"), target, { recursive: true });
    console.log(`ensure-edr: installed ${name}@${pinned}.`);
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

try {
  main();
} catch (error) {
  console.error(`ensure-edr: could not install Hardhat's native simulator: ${error.message}`);
  console.error("ensure-edr: run `npm install` with Node 22 or newer, or check access to the npm registry.");
  process.exit(1);
}
