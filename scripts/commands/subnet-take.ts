import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";

import { openContext } from "../cli/context.js";
import { CliError, fields, print } from "../cli/output.js";
import { runCommand } from "../cli/run.js";
import { netuid } from "../cli/subnet.js";

interface Args {
  netuid: string;
  percent: string;
  hotkey: string;
  json: boolean;
}

export default async function subnetTake(args: Args, hre: HardhatRuntimeEnvironment): Promise<void> {
  await runCommand(async () => {
    const percent = Number(args.percent);
    if (!/^\d+(\.\d+)?$/.test(args.percent.trim()) || percent > 100) {
      throw new CliError(`"${args.percent}" is not a take.`, "Write it as a percentage of the dividends, e.g. 9 for 9%.");
    }
    const context = await openContext(hre, { ipfs: false });
    try {
      const id = netuid(args.netuid);
      const { result, receipt } = await context.client.subnets.setDelegateTake({ netuid: id, hotkey: args.hotkey || undefined, take: percent / 100 });
      print(args.json, { ...result, transaction: receipt.hash }, () =>
        [
          `The take of ${result.hotkey} on subnet ${id} is set to ${((result.take / 65_535) * 100).toFixed(2)}% of its dividends.`,
          // A decrease applies at once; an increase from the start of the epoch after the next one.
          `It applies from the start of epoch ${result.from} (at once when that epoch has started already).`,
          fields([["Transaction", `${receipt.hash} (gas ${receipt.gasUsed})`]]),
        ].join("\n"),
      );
    } finally {
      await context.close();
    }
  });
}
