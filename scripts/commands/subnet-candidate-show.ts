import { print, table } from "../cli/output.js";
import { command } from "../cli/run.js";
import { netuid } from "../cli/subnet.js";

export default command<"subnet candidate show">(async (args, scope) => {
  const context = await scope.open();
  const id = netuid(args.netuid);
  const { subnets } = context.client;
  const one = args.hotkey ? await subnets.getCandidate({ netuid: id, hotkey: args.hotkey }) : undefined;
  const candidates = args.hotkey ? (one ? [one] : []) : await subnets.listCandidates(id);
  print(args.json, candidates, () =>
    candidates.length === 0
      ? args.hotkey
        ? `${args.hotkey} has published no candidate on subnet ${id}.`
        : `No miner of subnet ${id} has published a candidate yet.`
      : table(
          ["uid", "hotkey", "cid"],
          candidates.map((c) => [c.uid ?? "-", c.hotkey, c.cid.toString()]),
        ),
  );
});
