"""A small Flask shop that reports signups, orders and emails to Customer.io."""
