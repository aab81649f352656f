import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";

import type { VoteSupport } from "../../sdk/src/index.js";
import { openContext } from "../cli/context.js";
import { votes } from "../cli/governance.js";
import { CliError, fields, print } from "../cli/output.js";
import { runCommand } from "../cli/run.js";

interface Args {
  slug: string;
  proposal: string;
  support: string;
  reason: string;
  json: boolean;
}

/** The vote as written on the command line: for, against or abstain. */
export function parseSupport(text: string): VoteSupport {
  const support = text.toLowerCase();
  if (support !== "for" && support !== "against" && support !== "abstain") {
    throw new CliError(`"${text}" is not a vote.`, "Vote for, against or abstain.");
  }
  return support;
}

export default async function govVote(args: Args, hre: HardhatRuntimeEnvironment): Promise<void> {
  await runCommand(async () => {
    const support = parseSupport(args.support);
    const context = await openContext(hre, { ipfs: false });
    try {
      const { result, receipt } = await context.client.governance.vote({
        model: args.slug,
        proposal: args.proposal,
        support,
        reason: args.reason || undefined,
      });
      print(args.json, { ...result, transaction: receipt.hash }, () =>
        [
          `You voted ${support} on proposal ${result.proposal} of ${args.slug} with ${votes(result.weight)} votes.`,
          fields([
            ["Tally", `${votes(result.votes.for)} for, ${votes(result.votes.against)} against, ${votes(result.votes.abstain)} abstain`],
            ["Transaction", `${receipt.hash} (gas ${receipt.gasUsed})`],
          ]),
        ].join("\n"),
      );
    } finally {
      await context.close();
    }
  });
}
