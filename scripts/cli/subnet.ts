// What the subnet commands share: how they write amounts of a subnet's tokens, proportions, and the progress of
// an epoch's steps.
import { formatAmount } from "../../sdk/src/index.js";
import { grouped } from "./amounts.js";
import { CliError } from "./output.js";

/** An amount of one of a subnet's tokens: "1,250.5 RWD". */
export function units(amount: bigint, token: { symbol: string; decimals: number }): string {
  return `${grouped(formatAmount(amount, token.decimals))} ${token.symbol}`;
}

/** A u16 proportion (of 65535) to four decimals, as `btcli subnet metagraph` shows them: "0.5000". */
export function ratio(value: number): string {
  return (value / 65_535).toFixed(4);
}

/** A subnet id given on the command line. */
export function netuid(text: string): bigint {
  if (!/^\d+$/.test(text.trim()))
    throw new CliError(`"${text}" is not a subnet id.`, "Subnet ids are whole numbers, e.g. 1.");
  return BigInt(text.trim());
}

/** A progress bar over an epoch's steps, with the gas of the last one. */
export interface StepBar {
  update(done: number, total: number, gas?: bigint): void;
  done(): void;
}

/**
 * A progress bar over an epoch's steps on stderr (stdout stays clean for --json): redrawn in place on a
 * terminal, one line per step otherwise.
 */
export function stepBar(label: string): StepBar {
  const stream = process.stderr;
  const width = 30;
  let drawn = false;
  return {
    update(done, total, gas) {
      const fraction = total > 0 ? Math.min(1, done / total) : 1;
      const filled = Math.round(fraction * width);
      const text = `${label} [${"#".repeat(filled)}${".".repeat(width - filled)}] step ${done}/${total}${gas === undefined ? "" : ` (gas ${gas})`}`;
      stream.write(stream.isTTY ? `\r${text}` : `${text}\n`);
      drawn = true;
    },
    done() {
      if (drawn && stream.isTTY) stream.write("\n");
      drawn = false;
    },
  };
}
