import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";
import { id, ZeroHash } from "ethers";

/** Seconds in a day. */
const DAY = 24 * 60 * 60;

/**
 * The protocol's contracts: the registry, the implementations every launch clones, the launch factory, and the
 * protocol DAO that owns the factory's parameters (the protocol token, its governor and its timelock).
 *
 * Parameters (per network, in an Ignition parameters file, all under `Protocol`):
 * - `feeBps`: the protocol fee on sale proceeds, in basis points (default 0, at most 1000);
 * - `feeRecipient`: who receives it (default: the deploying account);
 * - `tokenName`, `tokenSymbol`: the protocol token's (default "Open Model Protocol", "OMP");
 * - `tokenHolders`, `tokenAmounts`: the token's whole supply, `tokenAmounts[i]` (in token units, 18 decimals,
 *   as decimal strings) to `tokenHolders[i]`; required (`deployProtocol` supplies a default on development chains);
 * - `timelockDelay`: seconds between a proposal passing and its execution (default 2 days);
 * - `votingDelay`, `votingPeriod`: seconds (default 1 day and 5 days);
 * - `proposalThreshold`: votes needed to propose, in token units (default 10,000 tokens);
 * - `quorumPercent`: percent of the supply that must vote for or abstain (default 4);
 * - `subnetCreationFee`: wei a subnet's creator pays (default 0, at most 100 ETH), collected for the timelock.
 * - `emissionAmount`: protocol tokens (token units, as a decimal string) the network emission holds and releases
 *   to subnets; the deploying account must hold them (list it in `tokenHolders`) and the deployment moves them
 *   (default 0: no emission until someone sends tokens to the emission contract);
 * - `emissionPeriod`: seconds an emission period lasts (default 7 days; 1 hour to 90 days);
 * - `emissionRateBps`: the share of the emission reserve released each period, in basis points (default 50, i.e.
 *   0.5% a week: half the reserve is out after about 138 weeks; 1 to 1000);
 * - `emissionCapBps`: the most of a period's release one subnet receives (default 5000; 500 to 10,000);
 * - `emissionGraceBlocks`: blocks a subnet may be late for its next epoch and still receive (default 7200);
 * - `emissionMinValidators`: validators with stake a subnet needs, besides its owner's hotkey (default 1).
 *
 * Promotion (a subnet's winning candidate published as its model's next version) is deployed beside the subnets,
 * with no owner and no parameter, and so is LiquidityLock (launches' pool shares, locked until a date each sets).
 *
 * The timelock ends with the governor as its only proposer and canceller, anyone as executor, and no
 * administrator but itself: the deployer administers it only between its deployment and the last step here.
 */
export default buildModule("Protocol", (m) => {
  const deployer = m.getAccount(0);
  const registry = m.contract("ModelRegistry");
  const tokenImplementation = m.contract("ModelToken");
  // Launches lock their pools' shares here until a date each sets; it has no owner and no parameter.
  const liquidityLock = m.contract("LiquidityLock");
  // Sales open their pools on the chain's Uniswap V2 (deployed beforehand where the chain has none).
  const offeringImplementation = m.contract("ModelOffering", [
    {
      factory: m.getParameter<string>("uniswapFactory"),
      weth: m.getParameter<string>("weth"),
      lock: liquidityLock,
      pairCodeHash: m.getParameter<string>("pairCodeHash"),
    },
  ]);
  // Curves graduate into pools on the same Uniswap V2 and lock their shares in the same lock.
  const curveImplementation = m.contract("BondingCurve", [
    {
      factory: m.getParameter<string>("uniswapFactory"),
      weth: m.getParameter<string>("weth"),
      lock: liquidityLock,
      pairCodeHash: m.getParameter<string>("pairCodeHash"),
    },
  ]);
  const vestingImplementation = m.contract("ModelVestingWallet");
  const governorImplementation = m.contract("ModelGovernor");
  const timelockImplementation = m.contract("ModelTimelock");

  const protocolToken = m.contract("ProtocolToken", [
    m.getParameter("tokenName", "Open Model Protocol"),
    m.getParameter("tokenSymbol", "OMP"),
    m.getParameter("tokenHolders"),
    m.getParameter("tokenAmounts"),
  ]);
  // The governor needs the timelock's address and the timelock the governor's: the deployer administers the
  // timelock until the governor holds its roles, then renounces.
  const protocolTimelock = m.contract("ProtocolTimelock", [
    m.getParameter("timelockDelay", 2 * DAY),
    [],
    ["0x0000000000000000000000000000000000000000"],
    deployer,
  ]);
  const protocolGovernor = m.contract("ProtocolGovernor", [
    m.getParameter("governorName", "Open Model Protocol DAO"),
    protocolToken,
    protocolTimelock,
    m.getParameter("votingDelay", DAY),
    m.getParameter("votingPeriod", 5 * DAY),
    m.getParameter("proposalThreshold", (10_000n * 10n ** 18n).toString()),
    m.getParameter("quorumPercent", 4),
  ]);
  const grantProposer = m.call(protocolTimelock, "grantRole", [id("PROPOSER_ROLE"), protocolGovernor], {
    id: "grantProposer",
  });
  const grantCanceller = m.call(protocolTimelock, "grantRole", [id("CANCELLER_ROLE"), protocolGovernor], {
    id: "grantCanceller",
  });
  m.call(protocolTimelock, "renounceRole", [ZeroHash, deployer], {
    id: "renounceAdmin",
    after: [grantProposer, grantCanceller],
  });

  const factory = m.contract("ModelLaunchFactory", [
    registry,
    tokenImplementation,
    offeringImplementation,
    vestingImplementation,
    governorImplementation,
    timelockImplementation,
    curveImplementation,
    m.getParameter("feeRecipient", deployer),
    m.getParameter("feeBps", 0),
    protocolTimelock,
  ]);

  // The subnet contract runs the epoch and keeps its larger parts in linked libraries; the timelock owns it.
  const registration = m.library("SubnetRegistration");
  const epochs = m.library("SubnetEpochs", {
    libraries: { YumaEpoch: m.library("YumaEpoch"), SubnetRegistration: registration },
  });
  const subnets = m.contract("Subnets", [protocolTimelock, m.getParameter("subnetCreationFee", 0)], {
    libraries: {
      SubnetEpochs: epochs,
      SubnetLens: m.library("SubnetLens"),
      SubnetRegistration: registration,
      SubnetStaking: m.library("SubnetStaking"),
      SubnetWeights: m.library("SubnetWeights"),
    },
  });

  // The emission holds its share of the fixed supply; the timelock governs its settings within fixed bounds.
  const emission = m.contract("NetworkEmission", [
    protocolToken,
    subnets,
    protocolTimelock,
    {
      periodLength: m.getParameter("emissionPeriod", 7 * DAY),
      rateBps: m.getParameter("emissionRateBps", 50),
      capBps: m.getParameter("emissionCapBps", 5000),
      graceBlocks: m.getParameter("emissionGraceBlocks", 7200),
      minValidators: m.getParameter("emissionMinValidators", 1),
    },
  ]);
  m.call(protocolToken, "transfer", [emission, m.getParameter("emissionAmount", "0")], { id: "fundEmission" });

  // Promotion publishes a bound subnet's winning candidate to the model; it has no owner and no parameters.
  const promotion = m.contract("Promotion", [registry, subnets]);

  return {
    registry,
    factory,
    protocolToken,
    protocolGovernor,
    protocolTimelock,
    subnets,
    emission,
    promotion,
    liquidityLock,
  };
});
