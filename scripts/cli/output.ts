// How the CLI talks to people: tables for lists, a progress bar for long transfers, one sentence per failure.

/** A failure the CLI reports as a sentence and a suggestion, never as a stack trace. */
export class CliError extends Error {
  override name = "CliError";
  constructor(
    message: string,
    readonly suggestion?: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** Renders rows as an aligned text table with a header and a rule. Numbers are right-aligned. */
export function table(headers: string[], rows: (string | number | bigint)[][]): string {
  const cells = rows.map((row) => row.map((cell) => String(cell)));
  const widths = headers.map((header, i) => Math.max(header.length, ...cells.map((row) => (row[i] ?? "").length)));
  const numeric = headers.map((_, i) => rows.length > 0 && rows.every((row) => typeof row[i] !== "string"));
  const line = (row: string[]) =>
    row
      .map((cell, i) => (numeric[i] ? cell.padStart(widths[i]) : cell.padEnd(widths[i])))
      .join("  ")
      .trimEnd();
  return [line(headers), widths.map((w) => "-".repeat(w)).join("  "), ...cells.map(line)].join("\n");
}

/** Key/value lines, keys aligned. */
export function fields(entries: [string, string | number | bigint | undefined][]): string {
  const shown = entries.filter(([, value]) => value !== undefined);
  const width = Math.max(...shown.map(([key]) => key.length));
  return shown.map(([key, value]) => `${`${key}:`.padEnd(width + 1)} ${value}`).join("\n");
}

/** Bytes in the largest binary unit that keeps the number at or above 1. */
export function formatBytes(bytes: number): string {
  const units = ["B", "KiB", "MiB", "GiB", "TiB"];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0 ? `${bytes} B` : `${value.toFixed(1)} ${units[unit]}`;
}

/** A progress bar over bytes: `update` as they go, then `done` (a second `done` does nothing). */
export interface ProgressBar {
  update(done: number, total: number): void;
  done(): void;
}

/**
 * A progress bar on stderr: redrawn in place on a terminal, and at every tenth otherwise (CI logs), so that
 * stdout stays clean for `--json` and pipes.
 */
export function progressBar(label: string): ProgressBar {
  const stream = process.stderr;
  const width = 30;
  let lastTenth = -1;
  let lastDraw = 0;
  let drawn = false;
  const draw = (done: number, total: number) => {
    const fraction = total > 0 ? Math.min(1, done / total) : 1;
    const filled = Math.round(fraction * width);
    const text = `${label} [${"#".repeat(filled)}${".".repeat(width - filled)}] ${(fraction * 100)
      .toFixed(0)
      .padStart(3)}% ${formatBytes(done)} / ${formatBytes(total)}`;
    if (stream.isTTY) {
      stream.write(`\r${text}`);
    } else {
      stream.write(`${text}\n`);
    }
    drawn = true;
  };
  return {
    update(done, total) {
      if (stream.isTTY) {
        const now = Date.now();
        if (now - lastDraw < 80 && done < total) return;
        lastDraw = now;
        draw(done, total);
        return;
      }
      const tenth = total > 0 ? Math.floor((done / total) * 10) : 10;
      if (tenth !== lastTenth) {
        lastTenth = tenth;
        draw(done, total);
      }
    },
    done() {
      if (drawn && stream.isTTY) stream.write("\n");
      drawn = false;
    },
  };
}

/** The "Transaction" line of a write's output: its hash and the gas it used. */
export function transactionEntry(receipt: { hash: string; gasUsed: bigint }): [string, string] {
  return ["Transaction", `${receipt.hash} (gas ${receipt.gasUsed})`];
}

/** Prints `value` as JSON (bigints as strings, CIDs as text) when `json` is set, else prints `text()`. */
export function print(json: boolean, value: unknown, text: () => string): void {
  if (json) {
    console.log(JSON.stringify(value, jsonReplacer, 2));
  } else {
    console.log(withNetwork(text()));
  }
}

/** The `--network` the running command was given, repeated in every command the CLI suggests. */
let hintNetwork: string | undefined;

/** Sets the network {@link withNetwork} adds to suggested commands (undefined: the command was given none). */
export function setHintNetwork(network: string | undefined): void {
  hintNetwork = network;
}

/**
 * `text` with `--network <name>` in each `npx hardhat` command it suggests that names no network, so that a
 * suggestion copied as it is runs where the command that printed it ran.
 */
export function withNetwork(text: string): string {
  if (hintNetwork === undefined) return text;
  // The keystore and the node need no network.
  return text.replace(/npx hardhat ([^\n`)]*)/g, (command: string, rest: string) =>
    rest.includes("--network") || /^(keystore|node)\b/.test(rest)
      ? command
      : `npx hardhat --network ${hintNetwork} ${rest}`,
  );
}

function jsonReplacer(_key: string, value: unknown): unknown {
  if (typeof value === "bigint") return value.toString();
  if (value instanceof Date) return value.toISOString();
  // A CID's toJSON gives the IPLD link form { "/": "bafy..." }: print the CID itself.
  const link = value && typeof value === "object" ? (value as { "/"?: unknown })["/"] : undefined;
  if (typeof link === "string") return link;
  return value;
}
