import { formatDuration } from "../../sdk/src/index.js";
import { localTime, votes } from "../cli/governance.js";
import { fields, print, table } from "../cli/output.js";
import { command } from "../cli/run.js";

export default command<"gov list">(async (args, scope) => {
  const context = await scope.open();
  const { governance } = context.client;
  const [dao, proposals] = await Promise.all([governance.getDao(args.slug), governance.listProposals(args.slug)]);
  print(args.json, { dao, proposals }, () => {
    const head = fields([
      [
        "DAO",
        `${dao.slug === "protocol" ? "the protocol" : dao.slug}: governor ${dao.governor}, timelock (treasury) ${dao.timelock}`,
      ],
      [
        "Rules",
        `voting opens ${formatDuration(dao.votingDelay)} after a proposal and lasts ${formatDuration(dao.votingPeriod)}; quorum ${dao.quorumNumerator}% of the supply; proposing takes ${votes(dao.proposalThreshold)} ${dao.tokenSymbol} of votes; timelock ${formatDuration(dao.timelockDelay)}`,
      ],
    ]);
    if (!dao.proposalsOpen) {
      return `${head}\n\nNo proposals yet: the DAO takes proposals from the end of its sale, ${localTime(dao.proposalsOpenAt!)}, so that buyers vote on every proposal.`;
    }
    if (proposals.length === 0)
      return `${head}\n\nNo proposals yet. Make one with: npx hardhat gov propose ${dao.slug} <action> ... --description proposal.md`;
    return [
      head,
      "",
      table(
        ["#", "state", "for", "against", "abstain", "quorum", "deadline", "ETA", "title"],
        proposals.map((p) => [
          p.number,
          p.state,
          votes(p.votes.for),
          votes(p.votes.against),
          votes(p.votes.abstain),
          `${p.quorumReached ? "reached" : "not reached"} (${votes(p.quorum)})`,
          localTime(p.deadline),
          p.eta ? localTime(p.eta) : "-",
          p.title.length > 48 ? `${p.title.slice(0, 47)}…` : p.title,
        ]),
      ),
    ].join("\n");
  });
});
