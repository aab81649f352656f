import { writeFile } from "node:fs/promises";

import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";

import { openContext } from "../cli/context.js";
import { CliError, print } from "../cli/output.js";
import { runCommand } from "../cli/run.js";
import { parseSupport } from "./gov-vote.js";

interface Args {
  slug: string;
  proposal: string;
  support: string;
  reason: string;
  out: string;
  json: boolean;
}

export default async function govVoteBySig(args: Args, hre: HardhatRuntimeEnvironment): Promise<void> {
  await runCommand(async () => {
    const support = parseSupport(args.support);
    if (!args.out) throw new CliError("Say where to write the signed vote.", "Pass --out vote.json; anyone can then submit it with gov relay.");
    const context = await openContext(hre, { ipfs: false });
    try {
      const signed = await context.client.governance.signVote({
        model: args.slug,
        proposal: args.proposal,
        support,
        reason: args.reason || undefined,
      });
      await writeFile(args.out, `${JSON.stringify(signed, null, 2)}\n`);
      print(args.json, { ...signed, file: args.out }, () =>
        [
          `Signed your vote ${support} on proposal ${signed.proposal} of ${args.slug} (nonce ${signed.nonce}); nothing was sent.`,
          `Written to ${args.out}. Anyone can submit it, paying the gas: npx hardhat gov relay ${args.out}`,
        ].join("\n"),
      );
    } finally {
      await context.close();
    }
  });
}
