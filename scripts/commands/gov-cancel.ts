import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";

import { openContext } from "../cli/context.js";
import { fields, print } from "../cli/output.js";
import { runCommand } from "../cli/run.js";

interface Args {
  slug: string;
  proposal: string;
  json: boolean;
}

export default async function govCancel(args: Args, hre: HardhatRuntimeEnvironment): Promise<void> {
  await runCommand(async () => {
    const context = await openContext(hre, { ipfs: false });
    try {
      const { result, receipt } = await context.client.governance.cancelProposal({ model: args.slug, proposal: args.proposal });
      print(args.json, { ...result, transaction: receipt.hash }, () =>
        [
          `Cancelled proposal ${result.proposal} of ${args.slug}: it is ${result.state} now.`,
          fields([["Transaction", `${receipt.hash} (gas ${receipt.gasUsed})`]]),
        ].join("\n"),
      );
    } finally {
      await context.close();
    }
  });
}
