import { print } from "../cli/output.js";
import { address } from "../cli/parse.js";
import { command } from "../cli/run.js";

export default command<"model publisher">(async (args, scope) => {
  const account = address(args.account);
  // --revoke is the former name of --undo.
  const revoke = args.undo || args.revoke;
  const context = await scope.open();
  const { result } = await context.client.registry.setPublisher({ model: args.slug, account, allowed: !revoke });
  print(
    args.json,
    { publishers: result },
    () =>
      `${account} ${revoke ? "may no longer" : "may now"} publish versions of ${args.slug}.` +
      `\nPublishers besides the owner: ${result.length ? result.join(", ") : "none"}`,
  );
});
