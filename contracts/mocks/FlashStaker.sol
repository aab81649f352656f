// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

import {ISubnets} from "../interfaces/ISubnets.sol";
import {IFlashBorrower, MockLendingPool} from "./MockLendingPool.sol";

/// @notice Test double: borrows a pool's stake tokens, stakes them on a hotkey, runs the subnet's due epoch from its
/// start to its completion, unstakes and repays, all in one transaction. {runEpoch} runs the same epoch in one
/// transaction without the loan, the baseline to compare with.
contract FlashStaker is IFlashBorrower {
    error FlashStakerNotPool(address caller);

    ISubnets public immutable subnets;
    MockLendingPool private _pool;
    uint256 private _netuid;
    address private _hotkey;

    constructor(ISubnets subnets_) {
        subnets = subnets_;
    }

    /// @notice Borrows `amount` from `pool`, stakes it on `hotkey`, runs the due epoch of `netuid`, unstakes, repays.
    function attack(MockLendingPool pool, uint256 netuid, address hotkey, uint256 amount) external {
        (_pool, _netuid, _hotkey) = (pool, netuid, hotkey);
        pool.flashLoan(this, amount, "");
    }

    /// @notice Runs the due epoch of `netuid` from its start to its completion.
    function runEpoch(uint256 netuid) public {
        uint256[] memory none = new uint256[](0);
        // solhint-disable-next-line no-empty-blocks
        while (!subnets.advanceEpoch(netuid, none)) {}
    }

    /// @inheritdoc IFlashBorrower
    function onFlashLoan(address, uint256 amount, bytes calldata) external {
        MockLendingPool pool = _pool;
        if (msg.sender != address(pool)) revert FlashStakerNotPool(msg.sender);
        IERC20 token = pool.token();
        token.approve(address(subnets), amount);
        subnets.stake(_netuid, _hotkey, amount);
        runEpoch(_netuid);
        subnets.unstake(_netuid, _hotkey, amount);
        token.transfer(address(pool), amount);
    }
}
