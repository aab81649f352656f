// Benchmark of the embedded IPFS backend: add throughput and peak memory for a 256 MB and a 1 GB file,
// next to `sha256sum` of the same file as the physical reference (and `openssl dgst -sha256`, the
// hardware-accelerated hash, for context). Each add (and pull) runs in a child process of its own, which
// reports its peak RSS. Writes bench/ipfs.json and prints a table.
//
//   node_modules/.bin/node --import tsx bench/ipfs.ts
//
// Sizes are binary (256 MiB, 1 GiB); throughputs are in MB/s of 10^6 bytes. Files are deterministic
// pseudo-random bytes (an AES-128-CTR keystream with a fixed key), written to a temporary directory and
// deleted afterwards. The page cache is warm for every run (the file was just written or read), so the
// figures compare CPU and write paths, not the disk's read speed.
import { execFileSync, spawn, spawnSync } from "node:child_process";
import { createCipheriv } from "node:crypto";
import { createWriteStream, existsSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { cpus, tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

import { createEmbeddedIpfs } from "../sdk/src/ipfs/index.js";

const here = dirname(fileURLToPath(import.meta.url));
const OUTPUT = join(here, "ipfs.json");
const MiB = 1024 * 1024;
const SIZES = [
  { label: "256MB", bytes: 256 * MiB },
  { label: "1GB", bytes: 1024 * MiB },
];
const RUNS = 3;
const THROUGHPUT_RATIO_TARGET = 0.5;
const PEAK_RSS_TARGET_MB = 300;

interface Entry {
  name: string;
  value: number;
  target?: number;
  unit: string;
  note?: string;
}

interface ChildReport {
  seconds: number;
  maxRssBytes: number;
  cid: string;
}

// ------------------------------------------------------------------------------------ child process

async function child(mode: string, file: string, store: string, cid?: string): Promise<void> {
  const ipfs = await createEmbeddedIpfs({ directory: store });
  let report: ChildReport;
  if (mode === "add") {
    const started = performance.now();
    const added = await ipfs.add(file);
    report = { seconds: (performance.now() - started) / 1000, maxRssBytes: 0, cid: added.cid.toString() };
  } else {
    const started = performance.now();
    await ipfs.pull(cid!, file);
    report = { seconds: (performance.now() - started) / 1000, maxRssBytes: 0, cid: cid! };
  }
  await ipfs.close();
  report.maxRssBytes = process.resourceUsage().maxRSS * 1024; // maxRSS is in KiB
  process.stdout.write(`${JSON.stringify(report)}\n`);
}

function runChild(args: string[]): Promise<ChildReport> {
  return new Promise((resolvePromise, reject) => {
    const processed = spawn(process.execPath, ["--import", "tsx", fileURLToPath(import.meta.url), "child", ...args], {
      cwd: resolve(here, ".."),
      stdio: ["ignore", "pipe", "inherit"],
    });
    let output = "";
    processed.stdout.on("data", (data: Buffer) => (output += data.toString()));
    processed.on("error", reject);
    processed.on("exit", (code) => {
      if (code !== 0) return reject(new Error(`child ${args[0]} exited with ${code}`));
      resolvePromise(JSON.parse(output.trim().split("\n").at(-1)!) as ChildReport);
    });
  });
}

// ------------------------------------------------------------------------------------------- parent

async function writeDeterministicFile(path: string, bytes: number): Promise<void> {
  const keystream = createCipheriv("aes-128-ctr", Buffer.alloc(16, 7), Buffer.alloc(16, 0));
  const zeros = Buffer.alloc(4 * MiB);
  const out = createWriteStream(path);
  for (let written = 0; written < bytes; written += zeros.length) {
    const piece = keystream.update(zeros.subarray(0, Math.min(zeros.length, bytes - written)));
    if (!out.write(piece)) await new Promise<void>((resolvePromise) => out.once("drain", () => resolvePromise()));
  }
  await new Promise<void>((resolvePromise, reject) =>
    out.end((error?: Error | null) => (error ? reject(error) : resolvePromise())),
  );
}

function timeCommand(command: string, args: string[]): number {
  const started = performance.now();
  const result = spawnSync(command, args, { stdio: ["ignore", "ignore", "inherit"] });
  if (result.status !== 0) throw new Error(`${command} failed`);
  return (performance.now() - started) / 1000;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const round = (value: number, digits = 1) => Number(value.toFixed(digits));

function toolVersion(command: string, args: string[]): string | undefined {
  try {
    return execFileSync(command, args, { encoding: "utf8" }).split("\n")[0].trim();
  } catch {
    return undefined;
  }
}

async function main(): Promise<void> {
  const work = await mkdtemp(join(tmpdir(), "ipfs-bench-"));
  const entries: Entry[] = [];
  const hasOpenssl = toolVersion("openssl", ["version"]) !== undefined;
  const shaVersion = toolVersion("sha256sum", ["--version"]) ?? "sha256sum";
  const cpu = cpus()[0]?.model ?? "unknown CPU";
  console.log(`Node ${process.version}, ${cpus().length} x ${cpu}, ${shaVersion}`);
  try {
    for (const size of SIZES) {
      const file = join(work, `data-${size.label}.bin`);
      console.log(`\n${size.label}: writing ${size.bytes} deterministic bytes...`);
      await writeDeterministicFile(file, size.bytes);
      const megabytes = size.bytes / 1e6;

      const sha = median(Array.from({ length: RUNS }, () => timeCommand("sha256sum", [file])));
      const openssl = hasOpenssl
        ? median(Array.from({ length: RUNS }, () => timeCommand("openssl", ["dgst", "-sha256", file])))
        : undefined;

      const adds: ChildReport[] = [];
      const pulls: ChildReport[] = [];
      for (let run = 0; run < RUNS; run++) {
        const store = join(work, `store-${size.label}-${run}`);
        const added = await runChild(["add", file, store]);
        adds.push(added);
        const destination = join(work, `pulled-${size.label}-${run}.bin`);
        pulls.push(await runChild(["pull", destination, store, added.cid]));
        await rm(store, { recursive: true, force: true });
        await rm(destination, { force: true });
        console.log(`  run ${run + 1}: add ${added.seconds.toFixed(2)} s, pull ${pulls.at(-1)!.seconds.toFixed(2)} s`);
      }
      const addSeconds = median(adds.map((report) => report.seconds));
      const pullSeconds = median(pulls.map((report) => report.seconds));
      const addRss = Math.max(...adds.map((report) => report.maxRssBytes)) / 1e6;
      const pullRss = Math.max(...pulls.map((report) => report.maxRssBytes)) / 1e6;
      const shaThroughput = megabytes / sha;
      const addThroughput = megabytes / addSeconds;

      entries.push(
        {
          name: `ipfs.add.${size.label}.throughputMBps`,
          value: round(addThroughput),
          target: round(THROUGHPUT_RATIO_TARGET * shaThroughput),
          unit: "MB/s",
          note: `embedded add, CIDv1, median of ${RUNS}; target = ${THROUGHPUT_RATIO_TARGET} x sha256sum`,
        },
        {
          name: `sha256sum.${size.label}.throughputMBps`,
          value: round(shaThroughput),
          unit: "MB/s",
          note: `${shaVersion}, median of ${RUNS}`,
        },
        {
          name: `ipfs.add.${size.label}.ratioToSha256sum`,
          value: round(addThroughput / shaThroughput, 2),
          target: THROUGHPUT_RATIO_TARGET,
          unit: "ratio",
        },
        {
          name: `ipfs.add.${size.label}.peakRssMB`,
          value: round(addRss),
          target: PEAK_RSS_TARGET_MB,
          unit: "MB",
          note: `peak RSS of the child process doing the add (whole Node process), max of ${RUNS}`,
        },
      );
      if (openssl !== undefined) {
        entries.push({
          name: `openssl.sha256.${size.label}.throughputMBps`,
          value: round(megabytes / openssl),
          unit: "MB/s",
          note: "openssl dgst -sha256 (hardware-accelerated SHA-256), for context",
        });
      }
      entries.push(
        {
          name: `ipfs.pull.${size.label}.throughputMBps`,
          value: round(megabytes / pullSeconds),
          unit: "MB/s",
          note: "verified pull to a file, for context",
        },
        {
          name: `ipfs.pull.${size.label}.peakRssMB`,
          value: round(pullRss),
          unit: "MB",
          note: "peak RSS of the child process doing the pull",
        },
      );
      await rm(file, { force: true });
    }
  } finally {
    await rm(work, { recursive: true, force: true });
  }

  await writeFile(OUTPUT, `${JSON.stringify(entries, null, 2)}\n`);
  console.log();
  console.table(
    entries.map((entry) => ({
      name: entry.name,
      value: entry.value,
      unit: entry.unit,
      target: entry.target ?? "",
      ok:
        entry.target === undefined
          ? ""
          : entry.unit === "MB"
            ? entry.value <= entry.target
            : entry.value >= entry.target,
    })),
  );
  console.log(`Wrote ${OUTPUT}`);
}

if (process.argv[2] === "child") {
  await child(process.argv[3], process.argv[4], process.argv[5], process.argv[6]);
} else {
  if (!existsSync("/usr/bin/sha256sum") && toolVersion("sha256sum", ["--version"]) === undefined) {
    throw new Error("sha256sum is needed as the reference");
  }
  await main();
}
