"""Human-in-the-loop test graphs, written the way the LangGraph / LangChain docs write them.

One graph per module, each its own graph id in `../langgraph.json`:

| graph id               | module                    | convention                                        |
|------------------------|---------------------------|---------------------------------------------------|
| `hitl_agent`           | `hitl_agent.py`           | `HumanInTheLoopMiddleware` (action_requests)      |
| `hitl_per_call_agent`  | `hitl_per_call_agent.py`  | the same, `interrupt_mode="per_call"` (one each)  |
| `inbox_agent`          | `inbox_agent.py`          | prebuilt `HumanInterrupt` / `HumanResponse`       |
| `approval_graph`       | `approval_graph.py`       | `interrupt({...})` → `Command(goto=...)`          |
| `tool_interrupt_agent` | `tool_interrupt_agent.py` | a tool that calls `interrupt({...})` itself       |
| `parallel_graph`       | `parallel_graph.py`       | two parallel branches that both interrupt         |

The model is `fake_model.FakeChatModel`: deterministic, offline, streaming like a provider.
`scripts/capture-hitl.py` records what they stream into `tests/data/langgraph/hitl/`.
"""
