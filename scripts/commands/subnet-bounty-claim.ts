import { CliError, fields, print, transactionEntry } from "../cli/output.js";
import { command } from "../cli/run.js";
import { netuid, units } from "../cli/subnet.js";

export default command<"subnet bounty claim">(async (args, scope) => {
  const id = netuid(args.netuid);
  const { client } = await scope.open();
  const token = args.token || (await client.promotion.binding(id)).bountyToken?.address;
  if (!token)
    throw new CliError(
      `Subnet ${id}'s binding pays no bounty (or it was revoked): which token?`,
      `Write: subnet bounty claim ${id} --token <address>`,
    );
  const { result, receipt } = await client.promotion.claimBounty({ token, to: args.to || undefined });
  print(args.json, { ...result, transaction: receipt.hash }, () =>
    [
      `You claimed ${units(result.amount, result.token)} of bounties, paid to ${result.to}.`,
      fields([transactionEntry(receipt)]),
    ].join("\n"),
  );
});
