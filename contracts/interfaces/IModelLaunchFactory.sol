// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ModelGovernor} from "../governance/ModelGovernor.sol";
import {IModelOffering} from "./IModelOffering.sol";
import {IModelRevenue} from "./IModelRevenue.sol";
import {ModelId} from "../types/ModelId.sol";

/// @title IModelLaunchFactory
/// @notice Launches a registered model's Initial Model Offering in one transaction: its token, its sale, its
/// team's vesting wallets and its DAO (Governor + timelock), all ERC-1167 clones, wired together, with the
/// model's registry NFT handed to the DAO's timelock and no setup rights left behind.
interface IModelLaunchFactory {
    /// @notice One team member's vested allocation.
    struct TeamAllocation {
        address beneficiary;
        uint256 amount;
        uint64 start;
        uint64 cliff;
        uint64 duration;
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
        /// An optional liquidity reserve and who receives it (the treasury when zero).
        uint256 liquidityAmount;
        address liquidityRecipient;
        TeamAllocation[] team;
        IModelOffering.SaleParams sale;
        ModelGovernor.Settings dao;
        /// Seconds between a proposal passing and its execution.
        uint256 timelockDelay;
        /// Revenue sharing: reserve share (fixed for good), stream duration and ERC-20s accepted from the start.
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

    /// @notice Thrown when the DAO's quorum is not 1 to 100 percent or its voting period is zero.
    error LaunchInvalidDaoSettings();

    /// @notice Thrown when the factory is deployed with a fee above `max` basis points.
    error LaunchFeeTooHigh(uint256 bps, uint256 max);

    /// @notice Thrown when the factory is deployed with a fee but no one to receive it.
    error LaunchFeeRecipientMissing();

    /// @notice Launches the offering of `params.model`. The caller must own the model and have approved this
    /// factory for it in the registry (`approve` or `setApprovalForAll`): the model's NFT moves to the new
    /// DAO's timelock, and the caller keeps the right to publish versions, which the DAO can revoke.
    function launch(LaunchParams calldata params) external returns (Launch memory);

    /// @notice The launch of `model`; zero addresses when it has none.
    function launchOf(ModelId model) external view returns (Launch memory);

    /// @notice How many models have been launched.
    function launchCount() external view returns (uint256);

    /// @notice Up to `limit` launched models from index `offset`, in launch order.
    function launchedModels(uint256 offset, uint256 limit) external view returns (ModelId[] memory);
}
