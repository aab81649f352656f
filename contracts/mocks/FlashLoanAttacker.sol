// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

import {IModelRevenue} from "../interfaces/IModelRevenue.sol";
import {IFlashBorrower, MockLendingPool} from "./MockLendingPool.sol";

/// @notice Test double: borrows a pool's model tokens, makes one call while it holds them (a deposit, a
/// permissionless hook that releases revenue, ...), claims whatever the tokens earned, and gives them back, all in
/// one transaction. What it gained stays in this contract, and {claimed} records the amounts its claim returned.
contract FlashLoanAttacker is IFlashBorrower {
    error AttackerNotPool(address caller);

    MockLendingPool private _pool;
    address private _target;
    bytes private _call;
    uint256 private _value;
    uint256[] private _claimed;

    /// @notice Revert data of the claim made while holding, when it failed.
    bytes public claimError;

    /// @notice Borrows `amount` from `pool`, calls `target` with `call` and `value` wei, claims and repays.
    function attack(MockLendingPool pool, uint256 amount, address target, bytes calldata call) external payable {
        _pool = pool;
        _target = target;
        _call = call;
        _value = msg.value;
        pool.flashLoan(this, amount, "");
    }

    /// @inheritdoc IFlashBorrower
    function onFlashLoan(address, uint256 amount, bytes calldata) external {
        MockLendingPool pool = _pool;
        if (msg.sender != address(pool)) revert AttackerNotPool(msg.sender);
        IERC20 token = pool.token();
        (bool ok, bytes memory err) = _target.call{value: _value}(_call);
        if (!ok) {
            assembly ("memory-safe") {
                revert(add(err, 0x20), mload(err))
            }
        }
        try IModelRevenue(address(token)).claimAll(address(this)) returns (uint256[] memory amounts) {
            _claimed = amounts;
        } catch (bytes memory reason) {
            claimError = reason;
        }
        token.transfer(address(pool), amount);
    }

    /// @notice The amounts its claim returned, per revenue asset; empty when the claim failed.
    function claimed() external view returns (uint256[] memory) {
        return _claimed;
    }

    receive() external payable {}
}
