import { readFile } from "node:fs/promises";

import type { SignedVote } from "../../sdk/src/index.js";
import { votes } from "../cli/governance.js";
import { CliError, fields, print, transactionEntry } from "../cli/output.js";
import { command } from "../cli/run.js";

export default command<"gov relay">(async (args, scope) => {
  let signed: SignedVote;
  try {
    signed = JSON.parse(await readFile(args.file, "utf8")) as SignedVote;
  } catch (error) {
    if ((error as { code?: string }).code === "ENOENT") throw error;
    throw new CliError(`${args.file} is not valid JSON.`, "Give the file that gov vote-by-sig wrote.");
  }
  const context = await scope.open();
  const { result, receipt } = await context.client.governance.relayVote(signed);
  print(args.json, { ...result, transaction: receipt.hash }, () =>
    [
      `Submitted ${result.voter}'s vote ${result.support} on proposal ${result.proposal} of ${signed.model}: ${votes(result.weight)} votes.`,
      fields([
        [
          "Tally",
          `${votes(result.votes.for)} for, ${votes(result.votes.against)} against, ${votes(result.votes.abstain)} abstain`,
        ],
        transactionEntry(receipt),
      ]),
    ].join("\n"),
  );
});
