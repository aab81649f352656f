// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/// @notice Test double: a payment ERC-20 that, on every `transferFrom` and `transfer` while armed, calls `hookTarget` with
/// `data` (a call back into the contract that moves it), recording whether the call succeeded.
contract ReentrantPaymentToken is ERC20 {
    address public hookTarget;
    bytes public data;
    bool public reentered;
    bytes public reentryError;
    uint256 public attempts;

    constructor() ERC20("Reentrant USD", "rUSD") {}

    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    function arm(address target_, bytes calldata data_) external {
        hookTarget = target_;
        data = data_;
    }

    function _update(address from, address to, uint256 value) internal override {
        super._update(from, to, value);
        if (hookTarget != address(0) && from != address(0)) {
            ++attempts;
            address t = hookTarget;
            hookTarget = address(0);
            // solhint-disable-next-line avoid-low-level-calls
            (bool ok, bytes memory result) = t.call(data);
            reentered = ok;
            reentryError = result;
            hookTarget = t;
        }
    }
}
