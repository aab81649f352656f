// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

// With the borrowed votes, a test double makes whatever call the attack under test needs.
// solhint-disable avoid-low-level-calls

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IVotes} from "@openzeppelin/contracts/governance/utils/IVotes.sol";

import {IFlashBorrower, MockLendingPool} from "./MockLendingPool.sol";

/// @notice Test double: borrows a pool's model tokens, delegates their votes to itself, makes one call while it
/// holds them (a vote or a proposal on the model's Governor), and gives them back, all in one transaction.
contract FlashVoter is IFlashBorrower {
    error FlashVoterNotPool(address caller);

    MockLendingPool private _pool;
    address private _target;
    bytes private _call;

    /// @notice What the call made while holding the tokens returned.
    bytes public result;

    /// @notice Borrows `amount` from `pool`, delegates to itself, calls `target` with `call`, and repays.
    function attack(MockLendingPool pool, uint256 amount, address target, bytes calldata call) external {
        _pool = pool;
        _target = target;
        _call = call;
        pool.flashLoan(this, amount, "");
    }

    /// @inheritdoc IFlashBorrower
    function onFlashLoan(address, uint256 amount, bytes calldata) external {
        MockLendingPool pool = _pool;
        if (msg.sender != address(pool)) revert FlashVoterNotPool(msg.sender);
        IERC20 token = pool.token();
        IVotes(address(token)).delegate(address(this));
        (bool ok, bytes memory returned) = _target.call(_call);
        if (!ok) {
            assembly ("memory-safe") {
                revert(add(returned, 0x20), mload(returned))
            }
        }
        result = returned;
        token.transfer(address(pool), amount);
    }
}
