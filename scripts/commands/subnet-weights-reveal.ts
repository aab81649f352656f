import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";

import { openContext } from "../cli/context.js";
import { fields, print } from "../cli/output.js";
import { runCommand } from "../cli/run.js";
import { netuid } from "../cli/subnet.js";

interface Args {
  netuid: string;
  commitsFile: string;
  json: boolean;
}

export default async function subnetWeightsReveal(args: Args, hre: HardhatRuntimeEnvironment): Promise<void> {
  await runCommand(async () => {
    const context = await openContext(hre, { ipfs: false });
    try {
      const id = netuid(args.netuid);
      const { result, receipt, file } = await context.client.subnets.revealWeights({ netuid: id, commitsFile: args.commitsFile || undefined });
      print(args.json, { ...result, file, transaction: receipt.hash }, () =>
        [
          `Revealed the weights committed in epoch ${result.commitEpoch} on subnet ${id}: ${result.uids.map((u, i) => `${u}:${result.weights[i]}`).join(", ")}.`,
          fields([
            ["Salt", `used and removed from ${file}`],
            ["Transaction", `${receipt.hash} (gas ${receipt.gasUsed})`],
          ]),
        ].join("\n"),
      );
    } finally {
      await context.close();
    }
  });
}
