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
  commitsFile: string;
  json: boolean;
}

export default async function subnetWeightsCommit(args: Args, hre: HardhatRuntimeEnvironment): Promise<void> {
  await runCommand(async () => {
    const { uids, weights } = parseWeights(args.weights);
    const context = await openContext(hre, { ipfs: false });
    try {
      const id = netuid(args.netuid);
      const { result, receipt, file } = await context.client.subnets.commitWeights({
        netuid: id,
        uids,
        weights,
        versionKey: args.versionKey ? BigInt(args.versionKey) : undefined,
        keepZeros: args.keepZeros,
        commitsFile: args.commitsFile || undefined,
      });
      // The salt stays in the commits file: printed, it would reveal the weights before their time (logs, CI output).
      const { salt, ...shown } = result;
      print(args.json, { ...shown, salt: salt ? "kept in the commits file" : undefined, file, transaction: receipt.hash }, () =>
        [
          `Committed weights over ${result.uids.length} UIDs on subnet ${id} in epoch ${result.commitEpoch}; they stay secret until the reveal.`,
          fields([
            ["Reveal", `when ${result.revealEpoch} epochs are complete (npx hardhat subnet weights reveal ${id})`],
            ["Salt kept in", file],
            ["Hash", result.hash],
            ["Transaction", `${receipt.hash} (gas ${receipt.gasUsed})`],
          ]),
        ].join("\n"),
      );
    } finally {
      await context.close();
    }
  });
}
