import { print } from "../cli/output.js";
import { command } from "../cli/run.js";

export default command<"imo cancel">(async (args, scope) => {
  const context = await scope.open();
  const { result, receipt } = await context.client.offering.cancel({ model: args.slug });
  print(
    args.json,
    { ...result, transaction: receipt.hash },
    () => `${args.slug}'s sale is cancelled before its start: the tokens for sale are back in the DAO treasury.`,
  );
});
