import type { ContractRunner } from "ethers";

import {
  ModelLaunchFactory__factory,
  ModelRegistry__factory,
  type ModelLaunchFactory,
  type ModelRegistry,
} from "./contracts.js";
import type { ProtocolContext } from "./context.js";
import * as curve from "./curve/actions.js";
import type { Deployment } from "./deployments.js";
import * as emission from "./emission/actions.js";
import * as governance from "./governance/actions.js";
import type { IpfsBackend } from "./ipfs/types.js";
import * as offering from "./offering/actions.js";
import * as market from "./market/actions.js";
import { getPortfolio } from "./portfolio.js";
import * as promotion from "./promotion/actions.js";
import * as registry from "./registry/actions.js";
import * as revenue from "./revenue/actions.js";
import * as subnets from "./subnets/actions.js";

// The client binds the actions, and only them: each group below names its actions one by one, so a helper that
// takes no context (`parseAmount`, `toU16Weights`...) is never handed one. Every action is also exported as a
// plain function taking the context first.

const registryActions = {
  ...pick(
    registry,
    "getModel",
    "getVersion",
    "listVersions",
    "getLineage",
    "canPublish",
    "resolveModelId",
    "pullVersion",
  ),
  ...pick(registry, "prepareRegisterModel", "registerModel", "preparePublishVersion", "publishVersion"),
  ...pick(registry, "prepareDeprecateVersion", "deprecateVersion", "prepareUndeprecateVersion", "undeprecateVersion"),
  ...pick(registry, "prepareSetPublisher", "setPublisher"),
  ...pick(registry, "prepareCommitRegistration", "commitRegistration", "prepareRegisterCommitted", "registerCommitted"),
  ...pick(registry, "prepareClearCommitment", "clearCommitment", "readRegistrationCommitments"),
};

const offeringActions = {
  ...pick(offering, "listOfferings", "getOffering", "getPosition", "quote", "prepareBuy", "buy"),
  ...pick(offering, "prepareFinalize", "finalize", "prepareSettle", "settle", "prepareSweep", "sweep"),
  ...pick(offering, "preparePayFee", "payFee", "prepareCancel", "cancel"),
  ...pick(offering, "prepareDelegateVesting", "delegateVesting", "prepareReleaseVesting", "releaseVesting"),
  ...pick(offering, "planLaunch", "prepareLaunchOffering", "launchOffering", "listLaunches"),
  ...pick(offering, "planCurveLaunch", "prepareLaunchCurve", "launchCurve"),
  getPortfolio,
};

const revenueActions = {
  ...pick(revenue, "getRevenue", "getClaimable", "getRedeemable", "resolveRevenueAsset"),
  ...pick(revenue, "prepareDepositRevenue", "depositRevenue", "prepareClaimRevenue", "claimRevenue"),
  ...pick(revenue, "prepareSetOwnRevenueExclusion", "setOwnRevenueExclusion", "prepareRedeemReserve", "redeemReserve"),
  ...pick(
    revenue,
    "buildAllowRevenueAsset",
    "buildRemoveRevenueAsset",
    "buildSetStreamDuration",
    "buildSetRevenueExclusion",
  ),
  ...pick(revenue, "buildRecoverSurplus"),
};

const governanceActions = {
  ...pick(governance, "getDao", "listProposals", "getProposal", "preparePropose", "propose"),
  ...pick(governance, "prepareVote", "vote", "signVote", "prepareRelayVote", "relayVote"),
  ...pick(governance, "prepareQueueProposal", "queueProposal", "prepareExecuteProposal", "executeProposal"),
  ...pick(governance, "prepareCancelProposal", "cancelProposal", "prepareDelegateVotes", "delegateVotes"),
  ...pick(governance, "buildPublishVersion", "buildDeprecateVersion", "buildSetPublisher", "buildTransferModel"),
  ...pick(governance, "buildSendEth", "buildSendToken", "buildSetVotingDelay", "buildSetVotingPeriod"),
  ...pick(governance, "buildSetProposalThreshold", "buildSetQuorum", "buildSetTimelockDelay", "buildSetLaunchFee"),
  ...pick(governance, "buildSetEmissionSettings", "buildAuthorisePromotion", "buildRevokePromotion"),
  ...pick(governance, "buildRawCalls", "describeCalls"),
};

const subnetActions = {
  ...pick(subnets, "getSubnet", "listSubnets", "getSubnetHyperparameters", "getDefaultHyperparameters"),
  ...pick(subnets, "getQueuedHyperparameters", "getMetagraph", "previewEpoch", "quoteRegistration"),
  ...pick(
    subnets,
    "prepareCreateSubnet",
    "createSubnet",
    "prepareSetSubnetHyperparameters",
    "setSubnetHyperparameters",
  ),
  ...pick(subnets, "prepareFundSubnet", "fundSubnet", "prepareRegisterNeuron", "registerNeuron"),
  ...pick(
    subnets,
    "prepareAddStake",
    "addStake",
    "prepareDelegateStake",
    "delegateStake",
    "prepareRemoveStake",
    "removeStake",
  ),
  ...pick(subnets, "prepareWithdrawStake", "withdrawStake", "prepareSetDelegateTake", "setDelegateTake"),
  ...pick(subnets, "preparePublishCandidate", "publishCandidate", "getCandidate", "listCandidates", "pullCandidate"),
  ...pick(
    subnets,
    "prepareCommitWeights",
    "commitWeights",
    "prepareRevealWeights",
    "revealWeights",
    "getPendingCommits",
  ),
  ...pick(subnets, "prepareSetWeights", "setWeights", "prepareAdvanceEpoch", "advanceEpoch"),
  ...pick(subnets, "getSubnetRewards", "prepareClaimRewards", "claimRewards"),
};

// The emission's actions are bound under short names (`client.emission.vote`, `.period`): exported, they carry the
// module's name (`voteEmission`, `getEmissionPeriod`), as `vote` is the governance's.
const emissionActions = {
  period: emission.getEmissionPeriod,
  settings: emission.getEmissionSettings,
  release: emission.getEmissionRelease,
  subnetShares: emission.getEmissionShares,
  subnetStatus: emission.getSubnetEmissionStatus,
  ballot: emission.getEmissionBallot,
  staleVoters: emission.listStaleEmissionVoters,
  powerOf: emission.getEmissionPower,
  prepareVote: emission.prepareVoteEmission,
  vote: emission.voteEmission,
  prepareRefresh: emission.prepareRefreshEmission,
  refresh: emission.refreshEmission,
  prepareDistribute: emission.prepareDistributeEmission,
  distribute: emission.distributeEmission,
};

// Promotion's actions are bound under short names (`client.promotion.status`, `.promote`), as the emission's are.
const promotionActions = {
  binding: promotion.getPromotionBinding,
  status: promotion.getPromotionStatus,
  contribution: promotion.getVersionContribution,
  contributions: promotion.getVersionContributions,
  declaredParent: promotion.getDeclaredPromotionParent,
  bountyOf: promotion.getPromotionBounty,
  prepareBind: promotion.prepareBindPromotion,
  bind: promotion.bindPromotion,
  prepareRevoke: promotion.prepareRevokePromotion,
  revoke: promotion.revokePromotion,
  prepareFund: promotion.prepareFundPromotionBounty,
  fund: promotion.fundPromotionBounty,
  prepareDeclareParent: promotion.prepareDeclarePromotionParent,
  declareParent: promotion.declarePromotionParent,
  preparePromote: promotion.preparePromote,
  promote: promotion.promote,
  prepareClaimBounty: promotion.prepareClaimPromotionBounty,
  claimBounty: promotion.claimPromotionBounty,
};

// The market's actions are bound under short names (`client.market.show`, `.swap`), as the emission's are.
const marketActions = {
  show: market.getMarket,
  quoteSwap: market.quoteSwap,
  prepareSwap: market.prepareSwap,
  swap: market.swap,
};

// The curve's actions are bound under short names (`client.curve.show`, `.buy`), as the market's are.
const curveActions = {
  list: curve.listCurves,
  show: curve.getCurve,
  quote: curve.quoteCurve,
  prepareBuy: curve.prepareBuyFromCurve,
  buy: curve.buyFromCurve,
  prepareSell: curve.prepareSellToCurve,
  sell: curve.sellToCurve,
  prepareGraduate: curve.prepareGraduateCurve,
  graduate: curve.graduateCurve,
  prepareCollectFees: curve.prepareCollectCurveFees,
  collectFees: curve.collectCurveFees,
  prepareReclaim: curve.prepareReclaimCurve,
  reclaim: curve.reclaimCurve,
  prepareWithdraw: curve.prepareWithdrawCurveCredit,
  withdraw: curve.withdrawCurveCredit,
};

/** What {@link createClient} needs. */
export interface ClientConfig {
  /** Any ethers v6 runner: a Signer to write, a Provider to read only. */
  runner: ContractRunner;
  /** The protocol's addresses on the runner's chain (see `readDeployment`). */
  deployment: Deployment;
  /** Where weights and model cards are stored; needed to publish, register with a card, and pull. */
  ipfs?: IpfsBackend;
}

/** A module's actions with the context bound: `fn(context, ...args)` becomes `fn(...args)`. */
export type Bound<M> = {
  [K in keyof M]: M[K] extends (context: ProtocolContext, ...args: infer A) => infer R ? (...args: A) => R : never;
};

/** The SDK's entry point: contracts and IPFS bound once, actions grouped by protocol module. */
export interface Client {
  readonly deployment: Deployment;
  readonly ipfs?: IpfsBackend;
  readonly contracts: { readonly registry: ModelRegistry; readonly factory: ModelLaunchFactory };
  readonly registry: Bound<typeof registryActions>;
  /** Sales, vesting wallets, launches, and an account's portfolio across every module. */
  readonly offering: Bound<typeof offeringActions>;
  readonly revenue: Bound<typeof revenueActions>;
  readonly governance: Bound<typeof governanceActions>;
  /** Subnets (needs a deployment that records the subnets contract). */
  readonly subnets: Bound<typeof subnetActions>;
  /** The network emission: votes across subnets, refreshes, distribution (needs a deployment that records it). */
  readonly emission: Bound<typeof emissionActions>;
  /**
   * Promotion: a bound subnet's winning candidate published as its model's next version, with its miner credited
   * (needs a deployment that records it).
   */
  readonly promotion: Bound<typeof promotionActions>;
  /**
   * Markets: a model token's Uniswap V2 pool, opened by its sale (show, quote, swap through the router, which the
   * deployment must record).
   */
  readonly market: Bound<typeof marketActions>;
  /**
   * Bonding curves: a model token sold along a curve until it graduates into a Uniswap V2 pool (show, quote, buy,
   * sell, graduate, collect fees, reclaim past a missed deadline, withdraw credited refunds).
   */
  readonly curve: Bound<typeof curveActions>;
}

/**
 * Binds the SDK's actions to a runner, a deployment and an IPFS backend. The client holds no state of its
 * own: every action is also exported as a plain function taking the context first.
 *
 * @example
 * import { JsonRpcProvider, Wallet } from "ethers";
 * import { createClient, createEmbeddedIpfs, readDeployment } from "open-model-registry/sdk";
 *
 * const provider = new JsonRpcProvider("http://127.0.0.1:8545");
 * const client = createClient({
 *   runner: new Wallet(process.env.PRIVATE_KEY!, provider),
 *   deployment: await readDeployment("deployments/localhost.json"),
 *   ipfs: await createEmbeddedIpfs({ directory: ".ipfs" }),
 * });
 * const model = await client.registry.getModel("face-landmark-68");
 */
export function createClient(config: ClientConfig): Client {
  const { runner, deployment, ipfs } = config;
  const context: ProtocolContext = {
    runner,
    ipfs,
    deployment,
    registry: ModelRegistry__factory.connect(deployment.contracts.ModelRegistry.address, runner),
    factory: ModelLaunchFactory__factory.connect(deployment.contracts.ModelLaunchFactory.address, runner),
  };
  return {
    deployment,
    ipfs,
    contracts: { registry: context.registry, factory: context.factory },
    registry: bind(registryActions, context),
    offering: bind(offeringActions, context),
    revenue: bind(revenueActions, context),
    governance: bind(governanceActions, context),
    subnets: bind(subnetActions, context),
    emission: bind(emissionActions, context),
    promotion: bind(promotionActions, context),
    market: bind(marketActions, context),
    curve: bind(curveActions, context),
  };
}

/** The actions `names` of a module, by name: what a client group binds. */
function pick<M, K extends keyof M>(module: M, ...names: K[]): Pick<M, K> {
  const picked = {} as Pick<M, K>;
  for (const name of names) picked[name] = module[name];
  return picked;
}

function bind<M extends Record<string, (context: ProtocolContext, ...args: never[]) => unknown>>(
  actions: M,
  context: ProtocolContext,
): Bound<M> {
  const bound: Record<string, unknown> = {};
  for (const [name, action] of Object.entries(actions)) {
    bound[name] = (...args: never[]) => action(context, ...args);
  }
  return bound as Bound<M>;
}
