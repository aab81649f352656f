// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";

import {INetworkEmission} from "../interfaces/INetworkEmission.sol";

/// @notice Test double: the two calls the network emission makes on `Subnets`, with each subnet's reward token and
/// epoch state set by hand. `fund` pulls the tokens from the caller, as `Subnets.fund` does, and records what each
/// subnet received, so that a test can account for every unit the emission let go.
contract MockEmissionSubnets {
    using SafeERC20 for IERC20;

    /// @dev What {emissionStatus} returns for a subnet; a subnet without a reward token does not exist.
    struct Status {
        address rewardToken;
        uint64 epochNumber;
        uint64 nextEpochBlock;
        uint256 validators;
    }

    mapping(uint256 netuid => Status) private _statuses;

    /// @notice What each subnet's reward pool received.
    mapping(uint256 netuid => uint256) public funded;
    /// @notice What all subnets received.
    uint256 public totalFunded;

    /// @notice `amount` reward tokens went into subnet `netuid`'s pool, pulled from `funder`.
    event MockSubnetFunded(uint256 indexed netuid, address indexed funder, uint256 amount);

    /// @notice Thrown when subnet `netuid` does not exist, as `Subnets` refuses an unknown netuid.
    error MockSubnetUnknown(uint256 netuid);

    /// @notice Creates subnet `netuid`, rewarding in `rewardToken` and active: an epoch completed, the next one never
    /// overdue, and a validator permit on every UID.
    function create(uint256 netuid, address rewardToken) external {
        _statuses[netuid] = Status(rewardToken, 1, type(uint64).max, type(uint256).max);
    }

    /// @notice Sets subnet `netuid`'s epoch state as {emissionStatus} reports it.
    function setStatus(uint256 netuid, uint64 epochNumber, uint64 nextEpochBlock, uint256 validators) external {
        Status storage s = _known(netuid);
        (s.epochNumber, s.nextEpochBlock, s.validators) = (epochNumber, nextEpochBlock, validators);
    }

    /// @notice Makes subnet `netuid` active, or inactive for the reason `activity`. `Overdue` dates the next epoch at
    /// block 0, so it holds once the chain is past the emission's grace (at most 1,000,000 blocks).
    function setActivity(uint256 netuid, INetworkEmission.Activity activity) external {
        Status storage s = _known(netuid);
        (s.epochNumber, s.nextEpochBlock, s.validators) = (1, type(uint64).max, type(uint256).max);
        if (activity == INetworkEmission.Activity.NoEpoch) s.epochNumber = 0;
        else if (activity == INetworkEmission.Activity.Overdue) s.nextEpochBlock = 0;
        else if (activity == INetworkEmission.Activity.TooFewValidators) s.validators = 0;
    }

    /// @notice Pulls `amount` of the subnet's reward token from the caller into its pool.
    function fund(uint256 netuid, uint256 amount) external {
        Status storage s = _known(netuid);
        funded[netuid] += amount;
        totalFunded += amount;
        emit MockSubnetFunded(netuid, msg.sender, amount);
        IERC20(s.rewardToken).safeTransferFrom(msg.sender, address(this), amount);
    }

    /// @notice As `Subnets.emissionStatus`: the reward token, the epochs completed, the block the next epoch is due,
    /// and the validator permits (one bit per UID).
    function emissionStatus(uint256 netuid)
        external
        view
        returns (address rewardToken, uint64 epochNumber, uint64 nextEpochBlock, uint256 validators)
    {
        Status storage s = _statuses[netuid];
        if (s.rewardToken == address(0)) revert MockSubnetUnknown(netuid);
        return (s.rewardToken, s.epochNumber, s.nextEpochBlock, s.validators);
    }

    function _known(uint256 netuid) private view returns (Status storage s) {
        s = _statuses[netuid];
        if (s.rewardToken == address(0)) revert MockSubnetUnknown(netuid);
    }
}
