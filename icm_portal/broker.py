"""Celery's broker transport: kombu's Redis transport, with a worker that survives Redis going away.

When the connection to Redis is lost while the worker holds messages it has not acknowledged
(a task running with ``acks_late``, or one prefetched), Celery collects the connection and then
closes it. Closing a channel restores its unacknowledged messages, and a task that ends meanwhile
acknowledges or rejects its message on that channel; each needs the connection the collect has
just taken away: kombu raises ``AttributeError`` on the transport's missing client, Celery counts
that as unrecoverable, and the worker stops consuming for good without exiting. Here those three
are skipped once the connection is gone: Redis keeps the messages in its unacknowledged set and
hands them out again after the visibility timeout (the outbox sends a row once, however often
its task runs), and the outbox sweep queues again whatever Redis itself lost.
"""

from kombu.transport import redis


class QoS(redis.QoS):
    def _connection_gone(self):
        transport = getattr(self.channel, "connection", None)
        return transport is None or transport.client is None

    def restore_unacked_once(self, stderr=None):
        if self._connection_gone():
            return None
        return super().restore_unacked_once(stderr=stderr)

    def ack(self, delivery_tag):
        if self._connection_gone():
            return None
        return super().ack(delivery_tag)

    def reject(self, delivery_tag, requeue=False):
        if self._connection_gone():
            return None
        return super().reject(delivery_tag, requeue=requeue)


class Channel(redis.Channel):
    QoS = QoS


class Transport(redis.Transport):
    Channel = Channel
