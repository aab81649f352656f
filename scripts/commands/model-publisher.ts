import { print } from "../cli/output.js";
import { address } from "../cli/parse.js";
import { command } from "../cli/run.js";

export default command<"model publisher">(async (args, scope) => {
  const account = address(args.account);
  const context = await scope.open();
  const { result } = await context.client.registry.setPublisher({ model: args.slug, account, allowed: !args.revoke });
  print(args.json, { publishers: result }, () =>
    `${account} ${args.revoke ? "may no longer" : "may now"} publish versions of ${args.slug}.` +
    `\nPublishers besides the owner: ${result.length ? result.join(", ") : "none"}`,
  );
});
