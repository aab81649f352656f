import { writeFile } from "node:fs/promises";

import { CliError, print } from "../cli/output.js";
import { parseSupport } from "../cli/parse.js";
import { command } from "../cli/run.js";

export default command<"gov vote-by-sig">(async (args, scope) => {
  const support = parseSupport(args.support);
  if (!args.out)
    throw new CliError(
      "Say where to write the signed vote.",
      "Pass --out vote.json; anyone can then submit it with gov relay.",
    );
  const context = await scope.open();
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
});
