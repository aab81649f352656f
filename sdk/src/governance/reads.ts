import { ModelGovernor__factory, ModelTimelock__factory, ModelToken__factory } from "../contracts.js";
import type { ModelRef } from "../registry/types.js";
import { chainNow, findDao, io, proposalsOpen } from "./internal.js";
import { findProposal, proposalEvents, readProposal, type ProposalScanOptions } from "./proposals.js";
import type { DaoView, GovernanceContext, ProposalParameters, ProposalView } from "./types.js";

// Reading a DAO: its contracts and rules, and its proposals with their votes and calls in words.

/**
 * A launched model's DAO (or, for `"protocol"`, the protocol DAO that owns the launch factory): its governor,
 * timelock and token, and its rules now.
 *
 * @example
 * import { createClient, readDeployment } from "open-model-registry/sdk";
 * const client = createClient({ runner: provider, deployment: await readDeployment("deployments/localhost.json") });
 * const dao = await client.governance.getDao("face-landmark-68");
 * console.log(dao.votingPeriod, dao.quorumNumerator);
 */
export async function getDao(context: GovernanceContext, model: ModelRef): Promise<DaoView> {
  const dao = await findDao(context, model);
  const governor = ModelGovernor__factory.connect(dao.governor, context.runner);
  const timelock = ModelTimelock__factory.connect(dao.timelock, context.runner);
  const token = ModelToken__factory.connect(dao.token, context.runner);
  const opening = await proposalsOpen(context, dao, await chainNow(context));
  const [votingDelay, votingPeriod, threshold, numerator, denominator, delay, count, symbol] = await io.read(() =>
    Promise.all([
      governor.votingDelay(),
      governor.votingPeriod(),
      governor.proposalThreshold(),
      governor["quorumNumerator()"](),
      governor.quorumDenominator(),
      timelock.getMinDelay(),
      governor.latestProposalId(),
      token.symbol(),
    ]),
  );
  return {
    ...dao,
    tokenSymbol: symbol,
    votingDelay: Number(votingDelay),
    votingPeriod: Number(votingPeriod),
    proposalThreshold: threshold,
    quorumNumerator: numerator,
    quorumDenominator: denominator,
    timelockDelay: Number(delay),
    proposalCount: Number(count),
    proposalsOpen: opening.open,
    proposalsOpenAt: opening.at,
  };
}

/**
 * Every proposal of a model's DAO, oldest first: state, votes, quorum, dates, and its calls decoded. Proposals
 * are found from the governor's `ProposalCreated` events, read in chunks from the launch factory's deployment
 * block; their state is read in one batch.
 *
 * @example
 * import { createClient, readDeployment } from "open-model-registry/sdk";
 * const client = createClient({ runner: provider, deployment: await readDeployment("deployments/localhost.json") });
 * for (const p of await client.governance.listProposals("face-landmark-68")) console.log(p.number, p.state, p.title);
 */
export async function listProposals(
  context: GovernanceContext,
  model: ModelRef,
  options: ProposalScanOptions = {},
): Promise<ProposalView[]> {
  const dao = await findDao(context, model);
  const created = await proposalEvents(context, dao, options);
  return Promise.all(created.map((event) => readProposal(context, dao, event)));
}

/**
 * One proposal of a model's DAO, by its number (1, 2, 3...) or its full hash id.
 *
 * @example
 * import { createClient, readDeployment } from "open-model-registry/sdk";
 * const client = createClient({ runner: provider, deployment: await readDeployment("deployments/localhost.json") });
 * const p = await client.governance.getProposal({ model: "face-landmark-68", proposal: 1 });
 * for (const action of p.actions) console.log(action.description);
 */
export async function getProposal(
  context: GovernanceContext,
  params: ProposalParameters & ProposalScanOptions,
): Promise<ProposalView> {
  const dao = await findDao(context, params.model);
  return readProposal(context, dao, await findProposal(context, dao, params));
}
