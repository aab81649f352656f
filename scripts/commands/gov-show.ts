import { actionLines, localTime, nextStep, quorumText, votes } from "../cli/governance.js";
import { fields, print } from "../cli/output.js";
import { command } from "../cli/run.js";

export default command<"gov show">(async (args, scope) => {
  const context = await scope.open();
  const p = await context.client.governance.getProposal({ model: args.slug, proposal: args.proposal });
  print(args.json, p, () => {
    const next = nextStep(args.slug, p);
    return [
      `Proposal ${p.number} of ${args.slug}: ${p.title}`,
      fields([
        ["State", p.state],
        ["Id", p.hash.toString()],
        ["Proposer", p.proposer],
        ["Votes", `${votes(p.votes.for)} for, ${votes(p.votes.against)} against, ${votes(p.votes.abstain)} abstain`],
        ["Quorum", quorumText(p)],
        ["Voting", `${localTime(p.snapshot)} to ${localTime(p.deadline)}`],
        ["ETA", p.eta ? localTime(p.eta) : undefined],
      ]),
      "",
      "Actions:",
      actionLines(p.actions),
      "",
      "Description:",
      p.description.trimEnd(),
      ...(next ? ["", next] : []),
    ].join("\n");
  });
});
