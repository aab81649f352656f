// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IModelOffering} from "../interfaces/IModelOffering.sol";

/// @notice Test double: a depositor contract that refuses every ETH transfer to it, so its refund must be
/// claimed to another address.
contract EtherRejecter {
    error EtherRejected();

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

    receive() external payable {
        revert EtherRejected();
    }
}
