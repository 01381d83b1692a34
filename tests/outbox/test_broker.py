"""The broker transport: a worker whose connection to Redis is lost while it holds unacknowledged
messages reconnects, instead of stopping for good (kombu's Redis transport, mended in icm_portal.broker)."""

import shutil

import pytest
from kombu import Connection, Consumer, Exchange, Producer, Queue

from icm_portal import broker
from tests.operations.servers import RedisServer

pytestmark = pytest.mark.skipif(shutil.which("redis-server") is None, reason="needs redis-server to start one")


ENDINGS = {
    "closed": lambda channel, message: channel.close(),
    "acknowledged": lambda channel, message: message.ack(),
    "rejected": lambda channel, message: message.reject(requeue=False),
}


def end_a_collected_channel_holding_a_message(tmp_path, transport, ending):
    """The state a worker's consumer is in when Redis went away under it: the channel holds a task
    message it has not acknowledged, and collecting the connection has taken the transport's client
    away (kombu's ``Connection.collect`` sets it to None, and closing the transport drops the
    channel's pool of connections); then the channel is closed, or the task
    ends and acknowledges or rejects its message."""
    redis = RedisServer(tmp_path).start()
    try:
        connection = Connection(redis.url(), transport=transport)
        channel = connection.default_channel
        tasks = Queue("lost-connection", Exchange("lost-connection"), "lost-connection")
        held = []
        Consumer(channel, [tasks], callbacks=[lambda body, message: held.append(message)]).consume()
        Producer(channel).publish({"task": "one"}, exchange=tasks.exchange, routing_key="lost-connection")
        connection.drain_events(timeout=5)
        assert held and not held[0].acknowledged
        redis.stop()
        channel.connection.client = None
        channel._disconnect_pools()  # what closing the collected transport did to its channels
        ENDINGS[ending](channel, held[0])  # kombu's own transport: AttributeError, "unrecoverable"
    finally:
        redis.stop()


@pytest.mark.parametrize("ending", ENDINGS)
def test_a_connection_lost_with_a_message_in_hand_ends_without_error(tmp_path, ending):
    end_a_collected_channel_holding_a_message(tmp_path, broker.Transport, ending)


@pytest.mark.parametrize("ending", ENDINGS)
def test_kombus_own_redis_transport_still_fails_there(tmp_path, ending):
    """The day kombu mends this itself, this fails: icm_portal.broker can go."""
    with pytest.raises(AttributeError):
        end_a_collected_channel_holding_a_message(tmp_path, "redis", ending)


def test_the_portal_uses_the_mended_transport_with_redis(settings):
    from icm_portal.celery import app

    assert app.conf.broker_transport == settings.CELERY_BROKER_TRANSPORT
    if settings.REDIS_URL:
        assert settings.CELERY_BROKER_TRANSPORT == "icm_portal.broker:Transport"
