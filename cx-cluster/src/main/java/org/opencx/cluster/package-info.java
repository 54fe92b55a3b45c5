/**
 * The Connection Server in a cluster, on Apache Curator over ZooKeeper: the platform nodes watched
 * in Curator's service-discovery layout ({@code <basePath>/<service>/<instance>}), this server
 * registered as service {@code cxserver}, and the fleet read back for operators.
 * {@link org.opencx.cluster.ZooKeeperMembership} is the entry point; it knows no sockets and hands
 * the nodes it finds to whoever opens the pipes.
 */
package org.opencx.cluster;
