"""Celery's broker transport: kombu's Redis transport, with a worker that survives Redis going away.

When the connection to Redis is lost while the worker holds messages it has not acknowledged
(a task running with ``acks_late``, or one prefetched), Celery collects the connection and then
closes it. Closing a channel restores its unacknowledged messages, which needs the connection the
collect has just taken away: kombu raises ``AttributeError`` on the transport's missing client,
Celery counts that as unrecoverable, and the worker stops consuming for good without exiting.
Here the restore is skipped once the connection is gone: Redis keeps those messages in its
unacknowledged set and hands them out again after the visibility timeout, and the outbox sweep
queues again whatever Redis itself lost.
"""

from kombu.transport import redis


class QoS(redis.QoS):
    def restore_unacked_once(self, stderr=None):
        transport = getattr(self.channel, "connection", None)
        if transport is None or transport.client is None:
            return None
        return super().restore_unacked_once(stderr=stderr)


class Channel(redis.Channel):
    QoS = QoS


class Transport(redis.Transport):
    Channel = Channel
