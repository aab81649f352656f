import { isAddress } from "ethers";
import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";

import { tokens } from "../cli/amounts.js";
import { openContext } from "../cli/context.js";
import { CliError, fields, print } from "../cli/output.js";
import { runCommand } from "../cli/run.js";

interface Args {
  slug: string;
  to: string;
  json: boolean;
}

export default async function delegate(args: Args, hre: HardhatRuntimeEnvironment): Promise<void> {
  await runCommand(async () => {
    if (args.to && !isAddress(args.to)) throw new CliError(`"${args.to}" is not an address.`);
    const context = await openContext(hre, { ipfs: false });
    try {
      const { governance } = context.client;
      const { result, receipt } = await governance.delegateVotes({ model: args.slug, to: args.to || undefined });
      const { tokenSymbol } = await governance.getDao(args.slug);
      const who = result.delegate === result.account ? "You" : result.delegate;
      print(args.json, { ...result, transaction: receipt.hash }, () =>
        [
          `${who} now ${who === "You" ? "vote" : "votes"} with your ${tokenSymbol} in ${args.slug}'s DAO: ${tokens(result.votes, tokenSymbol)} of votes.`,
          fields([["Transaction", `${receipt.hash} (gas ${receipt.gasUsed})`]]),
        ].join("\n"),
      );
    } finally {
      await context.close();
    }
  });
}
