import { readFile } from "node:fs/promises";

import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";

import type { SignedVote } from "../../sdk/src/index.js";
import { openContext } from "../cli/context.js";
import { votes } from "../cli/governance.js";
import { CliError, fields, print } from "../cli/output.js";
import { runCommand } from "../cli/run.js";

interface Args {
  file: string;
  json: boolean;
}

export default async function govRelay(args: Args, hre: HardhatRuntimeEnvironment): Promise<void> {
  await runCommand(async () => {
    let signed: SignedVote;
    try {
      signed = JSON.parse(await readFile(args.file, "utf8")) as SignedVote;
    } catch (error) {
      if ((error as { code?: string }).code === "ENOENT") throw error;
      throw new CliError(`${args.file} is not valid JSON.`, "Give the file that gov vote-by-sig wrote.");
    }
    const context = await openContext(hre, { ipfs: false });
    try {
      const { result, receipt } = await context.client.governance.relayVote(signed);
      print(args.json, { ...result, transaction: receipt.hash }, () =>
        [
          `Submitted ${result.voter}'s vote ${result.support} on proposal ${result.proposal} of ${signed.model}: ${votes(result.weight)} votes.`,
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
