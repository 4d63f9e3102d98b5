"""HTTP handlers; the Customer.io calls live in tracking.py and orders.py."""

from flask import Flask, request

from .mailer import send_welcome
from .orders import order_placed
from .tracking import tracker

app = Flask(__name__)


@app.post("/signup")
def signup():
    user = create_user(request.json)
    tracker.signed_up(user)
    send_welcome(user)
    return {"id": user.id}, 201


@app.post("/orders")
def place_order():
    order = create_order(request.json)
    order_placed(order.user, order)
    return {"id": order.id}, 201
