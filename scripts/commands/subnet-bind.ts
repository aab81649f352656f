import { CliError, fields, print, transactionEntry } from "../cli/output.js";
import { bountyTokenArg, describeRule, requireModelOwner } from "../cli/promotion.js";
import { command } from "../cli/run.js";
import { netuid, units } from "../cli/subnet.js";

export default command<"subnet bind">(async (args, scope) => {
  const id = netuid(args.netuid);
  if (!/^\d+$/.test(args.streak))
    throw new CliError("How many epochs in a row? Give --streak K.", `Write: subnet bind ${id} --streak 3`);
  const minStreak = Number(args.streak);
  if ((args.bounty || args.escrow) && !args.bountyToken)
    throw new CliError(
      "A bounty needs its token.",
      `Write: subnet bind ${id} --streak ${minStreak} --bounty 100 --bounty-token <address or symbol>`,
    );
  const { client, account } = await scope.open();
  const bountyToken = args.bountyToken ? await bountyTokenArg(client, id, args.bountyToken) : undefined;
  const params = {
    netuid: id,
    minStreak,
    bountyToken,
    bounty: args.bounty || undefined,
    tagPrefix: args.tagPrefix || undefined,
  };
  const prepared = await client.promotion.prepareBind(params);
  const pairs = [
    `streak=${minStreak}`,
    ...(bountyToken ? [`token=${bountyToken}`] : []),
    ...(args.bounty ? [`bounty=${args.bounty}`] : []),
    ...(args.escrow ? [`escrow=${args.escrow}`] : []),
    ...(args.tagPrefix ? [`prefix=${args.tagPrefix}`] : []),
  ];
  const { slug } = await requireModelOwner(
    client,
    account,
    prepared.model,
    "bind a subnet",
    `promotion ${id} ${pairs.join(" ")}`,
  );
  // Promotion publishes as one of the model's publishers: the owner grants it first, once.
  const promotion = client.deployment.contracts.Promotion?.address;
  const granted =
    promotion !== undefined && !(await client.registry.canPublish({ model: prepared.model, account: promotion }))
      ? await client.registry.setPublisher({ model: prepared.model, account: promotion, allowed: true })
      : undefined;
  const { result, receipt } = await client.promotion.bind(params);
  const funded = args.escrow ? await client.promotion.fund({ netuid: id, amount: args.escrow }) : undefined;
  const binding = funded ? { ...result, escrow: funded.result.escrow } : result;
  print(args.json, { ...binding, transaction: receipt.hash, funded: funded?.receipt.hash }, () =>
    [
      `Subnet ${id} is bound to ${slug}: ${describeRule(binding)}.`,
      fields([
        ["Publisher", granted ? `Promotion may now publish versions of ${slug}` : undefined],
        ["Escrow", funded ? `${units(funded.result.received, funded.result.token)} added` : undefined],
        transactionEntry(receipt),
      ]),
      `Follow it with: npx hardhat subnet promotion ${id}`,
    ].join("\n"),
  );
});
