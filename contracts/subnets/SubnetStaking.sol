// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";

import {ISubnets} from "../interfaces/ISubnets.sol";
import {SubnetRewards, StakePosition} from "./SubnetRewards.sol";
import {SubnetState} from "./SubnetStorage.sol";

/// @title SubnetStaking
/// @notice Stake, unstake, stake rewards and takes of the subnet contract, over the share pools of
/// {SubnetRewards}. Linked (an external library, called by delegatecall: `msg.sender` is the staker and
/// `address(this)` the subnet contract, which holds the tokens), which keeps the subnet contract under the code
/// size limit. The subnet contract guards these calls against reentrancy.
library SubnetStaking {
    using SafeERC20 for IERC20;

    /// @notice Stakes `amount` (what arrives of it) from the caller on `hotkey`, counting from the start of the epoch
    /// after the next.
    function stake(SubnetState storage s, uint256 netuid, address hotkey, uint256 amount) external {
        if (amount == 0) revert ISubnets.SubnetZeroAmount();
        // Stake only goes to hotkeys bound to a coldkey, who collects what stakers do not.
        if (s.coldkeys[hotkey] == address(0)) revert ISubnets.SubnetNotRegistered(netuid, hotkey);
        IERC20 token = s.stakeToken;
        uint256 before = token.balanceOf(address(this));
        token.safeTransferFrom(msg.sender, address(this), amount);
        uint256 received = token.balanceOf(address(this)) - before;
        if (received == 0) revert ISubnets.SubnetZeroAmount();
        uint64 from = SubnetRewards.addStake(s, hotkey, msg.sender, received);
        uint256 plusOne = s.uidPlusOne[hotkey];
        if (plusOne != 0) {
            uint256 staked = s.stakedUids;
            uint256 bit = uint256(1) << (plusOne - 1);
            if (staked & bit == 0) s.stakedUids = staked | bit;
        }
        emit ISubnets.Staked(netuid, hotkey, msg.sender, received, from);
    }

    /// @notice Takes `amount` of the caller's stake off `hotkey`: pending stake at once, active stake by unbonding
    /// (free to leave once the next epoch has started). Pays the stake that is free to leave and the dividends.
    function unstake(SubnetState storage s, uint256 netuid, address hotkey, uint256 amount) external {
        if (amount == 0) revert ISubnets.SubnetZeroAmount();
        (uint256 released, uint256 unbonding, uint64 until, uint256 rewards) =
            SubnetRewards.removeStake(s, hotkey, msg.sender, amount);
        emit ISubnets.Unstaked(netuid, hotkey, msg.sender, amount, unbonding, until);
        _pay(s, netuid, hotkey, released, rewards);
    }

    /// @notice Pays the caller's unbonded stake on `hotkey` that is free to leave, and its dividends.
    function withdraw(SubnetState storage s, uint256 netuid, address hotkey) external returns (uint256 released) {
        StakePosition storage pos = s.positions[hotkey][msg.sender];
        uint256 still;
        uint64 until;
        (released, still, until) = SubnetRewards.withdrawUnbonded(s, pos);
        if (released == 0) revert ISubnets.SubnetStakeUnbonding(hotkey, msg.sender, still, until);
        SubnetRewards.settle(s, s.pools[hotkey], pos);
        _pay(s, netuid, hotkey, released, SubnetRewards.takeRewards(pos));
    }

    /// @notice Settles the caller's positions on `hotkeys` and pays their dividends to `to`.
    function claim(SubnetState storage s, uint256 netuid, address[] calldata hotkeys, address to)
        external
        returns (uint256 amount)
    {
        if (to == address(0)) revert ISubnets.SubnetInvalidRecipient(to);
        for (uint256 i; i < hotkeys.length; ++i) {
            address hotkey = hotkeys[i];
            StakePosition storage pos = s.positions[hotkey][msg.sender];
            SubnetRewards.settle(s, s.pools[hotkey], pos);
            uint256 rewards = SubnetRewards.takeRewards(pos);
            if (rewards != 0) {
                amount += rewards;
                emit ISubnets.StakeRewardsClaimed(netuid, hotkey, msg.sender, to, rewards);
            }
        }
        if (amount == 0) revert ISubnets.SubnetNothingToClaim(msg.sender);
        s.rewardToken.safeTransfer(to, amount);
    }

    /// @notice Pays the caller's claimable balance and what its UIDs `uids` have yet to claim to `to`.
    function claimRewards(SubnetState storage s, uint256 netuid, uint256[] calldata uids, address to)
        external
        returns (uint256 amount)
    {
        if (to == address(0)) revert ISubnets.SubnetInvalidRecipient(to);
        amount = s.claimable[msg.sender];
        if (amount != 0) s.claimable[msg.sender] = 0;
        amount += SubnetRewards.takeUnclaimed(s, uids, msg.sender);
        if (amount == 0) revert ISubnets.SubnetNothingToClaim(msg.sender);
        emit ISubnets.RewardsClaimed(netuid, msg.sender, to, amount);
        s.rewardToken.safeTransfer(to, amount);
    }

    /// @notice Sets the take of `hotkey` (its coldkey only).
    function setTake(SubnetState storage s, uint256 netuid, address hotkey, uint16 take) external {
        if (s.coldkeys[hotkey] != msg.sender) revert ISubnets.SubnetNotColdkey(hotkey, msg.sender);
        if (take > SubnetRewards.DEFAULT_TAKE) revert ISubnets.SubnetTakeTooHigh(take, SubnetRewards.DEFAULT_TAKE);
        uint64 from = SubnetRewards.setTake(s, s.pools[hotkey], take);
        emit ISubnets.TakeSet(netuid, hotkey, take, from);
    }

    /// Sends the caller `released` stake tokens (announced) and `rewards` reward tokens (announced).
    function _pay(SubnetState storage s, uint256 netuid, address hotkey, uint256 released, uint256 rewards) private {
        if (released != 0) emit ISubnets.StakeWithdrawn(netuid, hotkey, msg.sender, released);
        if (rewards != 0) emit ISubnets.StakeRewardsClaimed(netuid, hotkey, msg.sender, msg.sender, rewards);
        if (released != 0) s.stakeToken.safeTransfer(msg.sender, released);
        if (rewards != 0) s.rewardToken.safeTransfer(msg.sender, rewards);
    }
}
