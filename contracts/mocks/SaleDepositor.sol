// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IModelOffering} from "../interfaces/IModelOffering.sol";

/// @notice Base of the test doubles that take part in an ETH sale as a contract: deposits what it is sent, claims
/// to the address it is given. What it does when ETH arrives is each double's own.
abstract contract SaleDepositor {
    IModelOffering public immutable offering;

    constructor(IModelOffering offering_) {
        offering = offering_;
    }

    function deposit() external payable {
        offering.depositETH{value: msg.value}(new bytes32[](0));
    }

    function claim(address to) external {
        offering.claim(to);
    }
}
