package org.opencx.routing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** The set of fake nodes; a test adds and removes nodes as discovery would. */
final class FakeNodes implements PlatformNodes {
    private final List<FakePipes> nodes = new CopyOnWriteArrayList<>();

    FakeNodes(List<FakePipes> initial) {
        nodes.addAll(initial);
    }

    @Override
    public List<FakePipes> nodes() {
        return List.copyOf(nodes);
    }

    @Override
    public PlatformNode node(int id) {
        for (FakePipes n : nodes) {
            if (n.id() == id) {
                return n;
            }
        }
        return null;
    }

    void add(FakePipes node) {
        nodes.add(node);
    }

    void remove(FakePipes node) {
        nodes.remove(node);
    }
}
