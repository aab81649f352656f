import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";

import { parseWeights } from "../../sdk/src/index.js";
import { openContext } from "../cli/context.js";
import { fields, print } from "../cli/output.js";
import { runCommand } from "../cli/run.js";
import { netuid } from "../cli/subnet.js";

interface Args {
  netuid: string;
  weights: string;
  versionKey: string;
  keepZeros: boolean;
  json: boolean;
}

export default async function subnetWeightsSet(args: Args, hre: HardhatRuntimeEnvironment): Promise<void> {
  await runCommand(async () => {
    const { uids, weights } = parseWeights(args.weights);
    const context = await openContext(hre, { ipfs: false });
    try {
      const id = netuid(args.netuid);
      const { result, receipt } = await context.client.subnets.setWeights({
        netuid: id,
        uids,
        weights,
        versionKey: args.versionKey ? BigInt(args.versionKey) : undefined,
        keepZeros: args.keepZeros,
      });
      print(args.json, { ...result, transaction: receipt.hash }, () =>
        [
          `Set weights on subnet ${id}: ${result.uids.map((u, i) => `${u}:${result.weights[i]}`).join(", ")}.`,
          fields([["Transaction", `${receipt.hash} (gas ${receipt.gasUsed})`]]),
        ].join("\n"),
      );
    } finally {
      await context.close();
    }
  });
}
