"""The connection-request (报装) workflow of the seed's 五、服务流程: stages, time limits, ratings."""
