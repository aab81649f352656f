// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ModelGovernor} from "../governance/ModelGovernor.sol";
import {IBondingCurve} from "./IBondingCurve.sol";
import {IModelOffering} from "./IModelOffering.sol";
import {IModelRevenue} from "./IModelRevenue.sol";
import {ModelId} from "../types/ModelId.sol";

/// @title IModelLaunchFactory
/// @notice Launches a registered model's Initial Model Offering in one transaction: its token, its sale, its
/// team's vesting wallets and its DAO (Governor + timelock), all ERC-1167 clones, wired together, with the
/// model's registry NFT handed to the DAO's timelock and no setup rights left behind. Its owner (the protocol
/// timelock) sets the protocol fee and the implementations that later launches clone; a launch keeps the terms
/// it was made with. A model launches either through an IMO ({launch}) or through a bonding curve that graduates into
/// a Uniswap V2 pool ({launchCurve}), with the same token, DAO, vesting and revenue sharing.
interface IModelLaunchFactory {
    /// @notice How a model was launched: an Initial Model Offering ({IModelOffering}) or a bonding curve
    /// ({IBondingCurve}).
    enum LaunchKind {
        Offering,
        Curve
    }

    /// @notice The contracts a launch clones. Each set is a "generation", numbered from 0 in the order they were set.
    struct Implementations {
        address token;
        address offering;
        address vesting;
        address governor;
        address timelock;
        /// The bonding curve of curve launches.
        address curve;
    }

    /// @notice One team member's vested allocation.
    struct TeamAllocation {
        address beneficiary;
        uint256 amount;
        /// When vesting starts (unix seconds): no earlier than the sale's end.
        uint64 start;
        uint64 cliff;
        uint64 duration;
    }

    /// @notice The Uniswap V2 pool the sale opens when it succeeds, with the liquidity reserve.
    struct PoolParams {
        /// The share of the proceeds (after the protocol fee) paired with the reserve at the sale's price, in basis
        /// points (1 to 10,000).
        uint16 proceedsBps;
        /// How long the pool shares stay locked for the treasury, in seconds (LiquidityLock's MIN_LOCK to MAX_LOCK);
        /// 0 for no pool, the reserve then going to `liquidityRecipient`.
        uint32 lockDuration;
    }

    /// @notice Everything a launch needs.
    struct LaunchParams {
        ModelId model;
        string name;
        string symbol;
        /// The whole supply: tokens for sale + team + treasury + liquidity must add up to it exactly.
        uint256 supply;
        /// Tokens the DAO's treasury (its timelock) receives.
        uint256 treasuryAmount;
        /// An optional liquidity reserve and who receives it (the treasury when zero; never the launch's own
        /// token, sale or governor, the factory or the registry, which could not move it). With a pool, the sale
        /// holds the reserve and the recipient must be zero.
        uint256 liquidityAmount;
        address liquidityRecipient;
        /// The pool the sale opens with the reserve, if any.
        PoolParams pool;
        TeamAllocation[] team;
        IModelOffering.SaleParams sale;
        /// Voting delay and period at least a day each, quorum 1 to 100 percent.
        ModelGovernor.Settings dao;
        /// Seconds between a proposal passing and its execution: at least a day.
        uint256 timelockDelay;
        /// Revenue sharing: reserve share (fixed for good), stream duration and ERC-20s accepted from the start.
        /// A stream duration of 0 releases each deposit at once, so a deposit seen in the mempool can be
        /// sandwiched (tokens bought before it, sold after); the SDK and CLI default to a day.
        IModelRevenue.RevenueParams revenue;
    }

    /// @notice Everything a bonding-curve launch needs: as {LaunchParams}, with the curve's terms instead of a sale.
    struct CurveLaunchParams {
        ModelId model;
        string name;
        string symbol;
        /// The whole supply: tokens for the curve + the pool's reserve + team + treasury must add up to it exactly.
        uint256 supply;
        /// Tokens the DAO's treasury (its timelock) receives.
        uint256 treasuryAmount;
        /// Tokens the curve holds for its pool beside those it sells: at least one.
        uint256 liquidityAmount;
        /// The team's vesting: none may start before the curve's deadline.
        TeamAllocation[] team;
        IBondingCurve.CurveParams curve;
        /// As {LaunchParams}: no proposal before the curve's deadline.
        ModelGovernor.Settings dao;
        uint256 timelockDelay;
        IModelRevenue.RevenueParams revenue;
    }

    /// @notice The contracts of one launch.
    struct Launch {
        address token;
        address offering;
        address governor;
        address timelock;
    }

    /// @notice Emitted once per model when `team` launches it.
    event ModelLaunched(
        ModelId indexed model,
        address indexed team,
        address token,
        address offering,
        address governor,
        address timelock,
        address[] vestingWallets
    );

    /// @notice Emitted with {ModelLaunched} when `model` launches through a bonding curve, `curve` (the launch's
    /// `offering`), with `reserveTokens` for its pool and the terms `terms`.
    event CurveLaunched(
        ModelId indexed model, address indexed curve, uint256 reserveTokens, IBondingCurve.CurveParams terms
    );

    /// @notice Emitted when the protocol fee of later launches becomes `bps` basis points paid to `recipient`.
    event LaunchFeeSet(address indexed recipient, uint16 bps);

    /// @notice Emitted when later launches start cloning `implementations`, as generation `generation`.
    event LaunchImplementationsSet(uint256 indexed generation, Implementations implementations);

    /// @notice Thrown when the caller does not own the model in the registry.
    error LaunchNotModelOwner(ModelId model, address account);

    /// @notice Thrown when the model has been launched already.
    error LaunchAlreadyLaunched(ModelId model, address offering);

    /// @notice Thrown when sale, team, treasury and liquidity add up to `sum` instead of the supply.
    error LaunchSplitMismatch(uint256 sum, uint256 supply);

    /// @notice Thrown when more than `max` team members are given.
    error LaunchTooManyBeneficiaries(uint256 count, uint256 max);

    /// @notice Thrown when a team allocation has no beneficiary or no amount.
    error LaunchInvalidBeneficiary(uint256 index);

    /// @notice Thrown when the DAO's quorum, `percent`, is not 1 to 100.
    error LaunchInvalidQuorum(uint256 percent);

    /// @notice Thrown when the DAO's voting delay, `delay` seconds, is below `min`.
    error LaunchVotingDelayTooShort(uint256 delay, uint256 min);

    /// @notice Thrown when the DAO's voting period, `period` seconds, is below `min`.
    error LaunchVotingPeriodTooShort(uint256 period, uint256 min);

    /// @notice Thrown when the timelock's delay, `delay` seconds, is below `min`.
    error LaunchTimelockDelayTooShort(uint256 delay, uint256 min);

    /// @notice Thrown when team allocation `index` starts vesting at `start`, before the sale's end `saleEnd`.
    error LaunchVestingBeforeSaleEnd(uint256 index, uint256 start, uint256 saleEnd);

    /// @notice Thrown when the liquidity reserve would go to `recipient`, a contract of the protocol that could
    /// never move it (the launch's token, sale or governor, the factory, the registry).
    error LaunchInvalidLiquidityRecipient(address recipient);

    /// @notice Thrown when a pool is asked without a liquidity reserve (`tokens`), with another recipient for it, or
    /// with a share of the proceeds or a lock out of range (see {PoolParams}).
    error LaunchInvalidPool(uint256 tokens, uint256 proceedsBps, uint256 lockDuration);

    /// @notice Thrown when the fee is set above `max` basis points.
    error LaunchFeeTooHigh(uint256 bps, uint256 max);

    /// @notice Thrown when a fee is set without anyone to receive it.
    error LaunchFeeRecipientMissing();

    /// @notice Thrown when an implementation is the zero address or an address without code.
    error LaunchInvalidImplementation(address implementation);

    /// @notice Thrown when asked for a generation of implementations that does not exist (there are `count`).
    error LaunchUnknownGeneration(uint256 generation, uint256 count);

    /// @notice Launches the offering of `params.model`. The caller must own the model and have approved this
    /// factory for it in the registry (`approve` or `setApprovalForAll`): the model's NFT moves to the new
    /// DAO's timelock, and the caller keeps the right to publish versions, which the DAO can revoke. The terms
    /// buyers rely on are checked: the sale's ({SaleTerms}), team vesting that starts no earlier than the sale's
    /// end, the DAO's minimum delays and periods, and where the liquidity reserve goes. A launch with a pool
    /// excludes the pool's address from revenue before the pair exists, so that it never earns.
    function launch(LaunchParams calldata params) external returns (Launch memory);

    /// @notice Launches `params.model` through a bonding curve ({IBondingCurve}): the same token, DAO, vesting and
    /// handover of the model as {launch}, with the curve as the launch's `offering` and the DAO's sale (no proposal
    /// before the curve's deadline, no vesting starting before it). The curve holds its tokens and the pool's reserve
    /// from this block, in which trading opens; the pool's address is excluded from revenue before the pair exists.
    /// The curve's terms are checked ({CurveArgs}); no protocol fee is taken from a curve. Emits {ModelLaunched} and
    /// {CurveLaunched}.
    function launchCurve(CurveLaunchParams calldata params) external returns (Launch memory);

    /// @notice The addresses a launch of `params` by `team` would have now, with the current implementations
    /// and fee (the sale's address depends on its terms): to check terms, or to announce the sale, beforehand.
    function predictLaunch(LaunchParams calldata params, address team) external view returns (Launch memory);

    /// @notice The launch of `model`; zero addresses when it has none. The addresses are those of the
    /// implementations the launch was made with, whatever the factory clones today.
    function launchOf(ModelId model) external view returns (Launch memory);

    /// @notice Sets the protocol fee of later launches: `bps` basis points of each sale's proceeds (at most
    /// 10%), paid to `recipient` (required when `bps` is not zero). Sales already launched keep their fee.
    /// Only the owner (the protocol timelock). Emits {LaunchFeeSet}.
    function setFee(address recipient, uint16 bps) external;

    /// @notice Sets the implementations later launches clone, as a new generation. Launches already made keep
    /// theirs, and {launchOf} still finds their contracts. Only the owner (the protocol timelock); every
    /// implementation must be a contract. Emits {LaunchImplementationsSet}.
    function setImplementations(
        address token,
        address offering,
        address vesting,
        address governor,
        address timelock,
        address curve
    ) external;

    /// @notice The implementations of `generation`; reverts with {LaunchUnknownGeneration} past the last one.
    function implementations(uint256 generation) external view returns (Implementations memory);

    /// @notice How many generations of implementations have been set; new launches clone the last one.
    function generationCount() external view returns (uint256);

    /// @notice The generation of implementations `model` was launched with; zero when it has no launch.
    function generationOf(ModelId model) external view returns (uint256);

    /// @notice How `model` was launched (an IMO for a model without a launch: see {launchOf}).
    function kindOf(ModelId model) external view returns (LaunchKind);

    /// @notice How many models have been launched.
    function launchCount() external view returns (uint256);

    /// @notice Up to `limit` launched models from index `offset`, in launch order.
    function launchedModels(uint256 offset, uint256 limit) external view returns (ModelId[] memory);
}
