"""Applications for slots and the selection of participants among them."""
