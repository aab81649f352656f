import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";

import { openContext } from "../cli/context.js";
import { localTime } from "../cli/governance.js";
import { fields, print } from "../cli/output.js";
import { runCommand } from "../cli/run.js";

interface Args {
  slug: string;
  proposal: string;
  json: boolean;
}

export default async function govQueue(args: Args, hre: HardhatRuntimeEnvironment): Promise<void> {
  await runCommand(async () => {
    const context = await openContext(hre, { ipfs: false });
    try {
      const { result, receipt } = await context.client.governance.queueProposal({ model: args.slug, proposal: args.proposal });
      print(args.json, { ...result, transaction: receipt.hash }, () =>
        [
          `Queued proposal ${result.proposal} of ${args.slug}: it is ${result.state} now.${result.eta ? ` It can be executed from ${localTime(result.eta)}: npx hardhat gov execute ${args.slug} ${result.proposal}` : ""}`,
          fields([["Transaction", `${receipt.hash} (gas ${receipt.gasUsed})`]]),
        ].join("\n"),
      );
    } finally {
      await context.close();
    }
  });
}
